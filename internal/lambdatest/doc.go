// Package lambdatest runs a built Lambda `bootstrap` binary the way the
// Lambda service does, so that tests exercise the real program rather
// than its handler function.
//
// Runtime is a local implementation of the Lambda runtime API (version
// 2018-06-01) on 127.0.0.1: the function long-polls
// /runtime/invocation/next, and answers each invocation at
// /runtime/invocation/{id}/response or /error; a runtime that fails to
// initialise reports to /runtime/init/error. Invoke queues one event and
// waits for that answer.
//
// Start runs the binary with the variables Lambda sets
// (AWS_LAMBDA_RUNTIME_API, the function name, memory and version,
// _HANDLER) plus those the test gives, collects what it writes to stdout
// and stderr (the function's logs), and kills it when the test ends.
//
// aws-lambda-go does not report initialisation failures to
// /runtime/init/error: a program that fails before lambda.Start just
// exits, so tests of such failures watch Process.Exited.
package lambdatest
