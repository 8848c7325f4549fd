// Package siemtest tests log types, built-in or a user's own, through the
// real pipeline.
//
// Most tests need one call: describe the type's samples and fixtures in a
// Harness and run it.
//
//	func TestMyType(t *testing.T) {
//		siemtest.Harness{
//			Type:    mytype.New(),
//			Goldens: []siemtest.Golden{{Name: "basic", Key: "logs/mytype/2026/11/27/a.log", Input: "testdata/a.log", Indexed: 3}},
//		}.Test(t)
//	}
//
// Harness.Test checks that the type's sample keys and golden keys are
// detected as the type (and as nothing else among Harness.Others), runs
// each golden input and compares a readable rendering of the result with
// its golden file, validates every document against the ECS field table
// and the type's vendor schema, and compares the documents field by field
// with another normalizer's expected output (Fixtures), where every
// compared field must agree unless the type lists the field, with its
// reason, in Differences. Harness.Fuzz is a ready fuzz target over whole
// objects, seeded with the golden inputs.
//
// Golden files are rewritten, instead of compared, when Harness.Update is
// set (a test package typically passes its own -update flag) or when the
// environment variable SIEMTEST_UPDATE is 1. Read the diff by eye before
// committing a rewritten golden file.
//
// Run, Options and Memory are the parts the harness is made of, for tests
// that need something else.
package siemtest
