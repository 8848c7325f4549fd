// Package awstest runs integration tests against local S3- and
// SQS-compatible servers.
//
// S3URL and SQSURL find the servers (SIEM_S3_URL, default
// http://127.0.0.1:7070, and SIEM_SQS_URL, default http://127.0.0.1:9324,
// both started with `make aws-servers-start`). Without a server the tests
// skip, saying how to start one, unless SIEM_REQUIRE_AWS_SERVERS=1 (set by
// CI) turns that into a failure.
//
// The S3 server checks SigV4 signatures, so requests are signed with the
// credentials in Config, exactly as against AWS. Bucket and Queue give each
// test its own uniquely named bucket or queue and delete it afterwards, so
// that packages can share the servers and run in parallel. Env is the
// environment a child process (a built Lambda bootstrap, a CLI) needs to
// reach the same servers through the SDK's standard variables.
//
// DropProxy sits in front of the S3 server and cuts response bodies
// mid-stream, which is what a connection reset during a large GetObject
// looks like to a client.
package awstest
