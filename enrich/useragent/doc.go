// Package useragent parses user agents into the ECS user_agent fields.
//
// An Enricher reads user_agent.original (or the "<object>.original"
// fields Config.Fields names per log type) and sets, beside it,
// user_agent.name, .version, .os.name, .os.version, .os.full and
// .device.name. It runs last in an enrich.Chain (enrich.StageUserAgent).
//
// What is set:
//   - Nothing for an absent, empty or "-" agent, and nothing for a part
//     the rules do not know: uap-core's "Other" is never written.
//   - Versions join the known components with dots ("120.0.2210");
//     os.full is "<os.name> <os.version>", set only when both are known.
//   - An agent the rules do not know gets a name in two ways: AWS
//     services as CloudTrail names them ("s3.amazonaws.com",
//     "AWS Internal") are their own name, and otherwise the first HTTP
//     product token gives name and version ("ELB-HealthChecker/2.0",
//     "[S3Console/0.4]", "aws-sdk-js/3.470.0"), except "Mozilla/...".
//   - An agent logged URL-encoded ("%20" for spaces, as CloudFront does)
//     is decoded for parsing; user_agent.original is left as the
//     normalizer set it.
//   - A field holding an array is parsed from its first element.
//
// Enrichment never fails the record: a user agent field that is not a
// string, or a parser panic, is counted in the Reporter and leaves the
// event as it was.
//
// # Parser
//
// The rules are uap-core's, as github.com/ua-parser/uap-go embeds and
// compiles them (uaparser.New; NewFromSaved is a deprecated alias of it).
// github.com/medama-io/go-useragent was measured against them on the 48
// real-world agents of the tests (browsers on Windows, macOS, Linux, iOS
// and Android; crawlers; curl, python-requests and other tools; AWS CLI
// and SDK agents as CloudTrail records them). Counting, for each field an
// analyst should see, whether the parser yields a value at all:
//
//	                 name  version  os.name  os.version  device.name
//	expected           43       40       30          23           16
//	uap-core rules     37       37       30          22           16
//	medama             22       22       25           0            0
//
// medama is far faster (about 0.35 µs an agent against uap-go's 1 ms) but
// names no crawler, tool, CLI or SDK, has no OS version and gives a device
// class rather than a device name, so it is not as correct, and the
// choice is uap-core. TestParserCandidates keeps the comparison current.
//
// uap-go itself tries its 1,200 regular expressions in turn until one
// matches: 964 of them on average on the test set, about 0.8 ms an agent
// on a quiet core. This package runs the same rules, in the same order,
// with uap-go's own matching code, but first rules out the rules that
// cannot match. A rule's regular expression is analysed once (package
// regexp/syntax) for the literals every match must contain, such as
// "firefox/", or one of "chrome/" and "crios/"; an alternative needing
// two literals keeps both (`Windows {0,2}Phone` needs "windows" and
// "phone", so a desktop Windows agent does not run the mobile device
// rule); one pass over the agent, by hashed four-byte prefixes, finds
// which of the 4,800 literals occur, and a rule runs only if each of its
// needs has one. uap-core's crawler device rule, two hundred alternatives
// behind `^.{0,100}`, is decided by where its literals occur when one of
// them shows a match (proof.go). That leaves 4.9 regular expressions per
// agent. On the test set, with 2 cores shared by other work (load around 8), a parse
// took 110 to 210 µs against uap-go's 2.0 to 2.5 ms in the same runs, 12
// to 18 times less (BenchmarkParsers, which also reports regexps/op, a
// measure of work that load does not distort).
//
// Two more steps take a browser agent's parse from about 200,000
// instructions to 80,000 (counted with callgrind on 2,000 randomised
// browser agents):
//   - Rules are filed under the literals of one of their needs, the one
//     the fewest other rules share (candidates.go), so an agent's
//     candidate rules come from the twenty-odd literals it holds instead
//     of asking all 1,200 rules: 28 candidates a browser agent instead
//     of 1,200 filter checks.
//   - Two shapes of rule that Go's regexp runs slowly get an equivalent
//     form (fastrule.go): long bounded repetitions such as iOS Safari's
//     `.{1,200}` run unbounded, with their lengths checked after the
//     match (the original runs when one is exceeded), and a rule whose
//     match must start with one of a few literals starts matching at the
//     first of them. Each is proven to change no match
//     (TestFastRulesMatchRegexp, FuzzFastRules compare every such rule
//     with its own expression).
//
// The rule still costly is uap-core's crawler name list (100 to 400 µs),
// which runs only on agents containing one of the names it lists.
// Results equal uap-go's exactly:
// tests compare both on the real-world set, case and Unicode variants of
// it, and 400 agents spliced at random from real agents and the rules' own
// literals (FuzzPrefilter continues that).
//
// # Cost
//
// Agents repeat (the same SDK and CLI versions call an account all day;
// health checks and a few browsers fill ELB logs), so parse results go
// through an LRU cache of Config.CacheSize agents (default 10,000), keyed
// by the agent as encoded in the event, so that a hit decodes nothing.
// The cache stores the encoded output fields, so a hit costs one lookup
// and a few appends: 80 to 140 ns and no allocation per event measured on
// the loaded machine above (BenchmarkEnrich/hit, less /baseline), well
// under the 1 µs an enricher may spend. A miss costs one parse
// (BenchmarkEnrich/miss, 70 to 130 µs there, most of it the crawler
// agents); a browser agent never seen before, such as one with
// randomised version numbers, costs 8 to 8.5 µs on an idle core
// (BenchmarkEnrich/miss/browsers; 17 to 17.6 µs before candidates.go and
// fastrule.go). Through the whole pipeline, an ALB object whose every
// agent is new is enriched at 46% below the un-enriched rate, within the
// 50% budget for that case (BENCHMARKS.md).
//
// The cache is split into up to 16 shards, each locked on its own, so
// that enriching goroutines seldom wait for one another. On the shared
// 2-core test machine one shard and 16 measured alike within the noise
// (40 to 170 ns a lookup, serial or parallel; BenchmarkLRUGet): the split
// costs one hash and is meant for hosts with more cores. Agents longer
// than 1 KiB are not cached (they seldom repeat and would crowd out the
// rest), and only their first 512 bytes are parsed, which bounds the
// worst case an agent can force: 0.27 to 1.2 ms under that load for a
// 64 KiB one whose first 512 bytes are dense with the rules' literals
// (BenchmarkEnrich/miss/64KiB), a few times a typical miss.
//
// Building the rules takes about 0.2 s and 14 MiB on an idle core
// (uap-go's compiled expressions, the prefilter's analysis, and the
// relaxed expressions of fastrule.go, which add about 2 MiB and no
// measurable time); it happens once per process, on the first New.
//
// # Compared with the reference system
//
// The reference loader parses the same way (uap-core, "Other" dropped,
// "-" skipped, "%20" decoded, AWS service names kept as names). It also
// rewrites user_agent.original to the decoded form, which this package
// leaves to normalizers; writes os.full as the bare OS name when the
// version is unknown, which this package does not, as it adds nothing
// to os.name; and has no product-token fallback.
package useragent
