// Command lambda is the reference AWS Lambda function of the siem SDK: it
// indexes the S3 objects that S3 event notifications announce (invoking it
// directly, through SQS, SNS or SNS to SQS, or as EventBridge events) into
// OpenSearch as ECS documents. It is a thin program on the SDK's packages
// (siem, awssource, sink/opensearch, enrich, exclude); README.md lists its
// environment variables and shows a deployment.
//
// Build it with `make lambda`, which writes bootstrap zips for the
// provided.al2023 runtime on arm64 and amd64.
package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/valyala/fastjson"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/exclude"
	_ "github.com/siem-go/siem/logtypes/all"
	"github.com/siem-go/siem/sink/opensearch"
)

func main() {
	log := slog.New(slog.NewJSONHandler(os.Stdout, nil))
	f, err := setup(context.Background(), os.Getenv, log)
	if err != nil {
		// Lambda reports the exit as an initialization error, with this
		// line in the function's log.
		log.Error("cannot start: "+err.Error(), "error", err.Error())
		os.Exit(1)
	}
	lambda.Start(f.handle)
}

// setup reads the configuration and builds what every invocation uses.
func setup(ctx context.Context, getenv func(string) string, log *slog.Logger) (*function, error) {
	cfg, err := loadConfig(getenv)
	if err != nil {
		return nil, err
	}
	awsCfg, err := awsconfig.LoadDefaultConfig(ctx)
	if err != nil {
		return nil, fmt.Errorf("AWS configuration: %w", err)
	}
	// A local or third-party S3-compatible server (AWS_ENDPOINT_URL_S3)
	// is reached by path: bucket host names would not resolve.
	pathStyle := getenv("AWS_ENDPOINT_URL_S3") != "" || getenv("AWS_ENDPOINT_URL") != ""
	s3Client := s3.NewFromConfig(awsCfg, func(o *s3.Options) { o.UsePathStyle = pathStyle })

	osCfg := opensearch.Config{URL: cfg.openSearchURL, Username: cfg.user, Password: cfg.password, Serverless: cfg.serverless, Index: cfg.index}
	if cfg.passwordSecret != "" {
		if osCfg.Password, err = secretPassword(ctx, awsCfg, cfg.passwordSecret); err != nil {
			return nil, err
		}
	}
	if cfg.sigV4Service != "" {
		osCfg.SigV4 = &opensearch.SigV4{Service: cfg.sigV4Service, AWS: &awsCfg}
	}
	sk, err := opensearch.New(osCfg)
	if err != nil {
		return nil, fmt.Errorf("SIEM_OPENSEARCH_URL: %w", err)
	}
	chain, err := enrichers(ctx, cfg, s3Client, log)
	if err != nil {
		return nil, err
	}
	opts := siem.Options{Sink: sk, Enrichers: chain, OmitOriginal: cfg.omitOriginal, Registry: siem.Default()}
	if len(cfg.exclusions) > 0 {
		flt, err := exclude.New(cfg.exclusions)
		if err != nil {
			return nil, fmt.Errorf("SIEM_EXCLUDE: %w", err)
		}
		opts.Filters = []siem.Filter{flt}
	}
	log.Info("ready", "opensearch", cfg.openSearchURL, "dead_letters", deadLetterPlace(cfg), "split_queue", cfg.splitQueueURL, "enrichers", len(chain), "exclusion_rules", len(cfg.exclusions))
	return &function{
		cfg:      cfg,
		registry: siem.Default(),
		s3:       s3Client,
		sqs:      sqs.NewFromConfig(awsCfg),
		sink:     sk,
		opts:     opts,
		log:      log,
		metrics:  &metrics{w: os.Stdout, now: time.Now},
	}, nil
}

func deadLetterPlace(c *config) string {
	if c.deadLetters == nil {
		return "log"
	}
	return c.deadLetters.String()
}

// secretPassword reads the OpenSearch password from Secrets Manager: the
// secret's string itself, or its "password" member when it is a JSON
// object (as the console's "other type of secret" key/value form stores
// it).
func secretPassword(ctx context.Context, cfg aws.Config, id string) (string, error) {
	out, err := secretsmanager.NewFromConfig(cfg).GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String(id)})
	if err != nil {
		return "", fmt.Errorf("SIEM_OPENSEARCH_PASSWORD_SECRET %s: %w", id, err)
	}
	s := aws.ToString(out.SecretString)
	if strings.HasPrefix(strings.TrimSpace(s), "{") {
		v, err := fastjson.Parse(s)
		if err != nil || v.Get("password") == nil {
			return "", fmt.Errorf("SIEM_OPENSEARCH_PASSWORD_SECRET %s: a JSON secret must have a \"password\" member", id)
		}
		return string(v.GetStringBytes("password")), nil
	}
	return s, nil
}
