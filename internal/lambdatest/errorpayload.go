package lambdatest

import (
	"github.com/valyala/fastjson"
)

// ErrorPayload is an error a function reported to the runtime API, for an
// invocation or for its initialisation.
type ErrorPayload struct {
	// Type is the body's errorType, or else the
	// Lambda-Runtime-Function-Error-Type header's value.
	Type string
	// Message is the body's errorMessage.
	Message string
	// Body is what the function posted, unparsed (stackTrace and any
	// other fields are in there).
	Body []byte
}

func (e *ErrorPayload) Error() string {
	if e.Message == "" {
		return e.Type
	}
	return e.Type + ": " + e.Message
}

// ParseErrorPayload reads the error body the runtime API documents,
// {"errorMessage": "...", "errorType": "...", "stackTrace": [...]}.
// headerType (the Lambda-Runtime-Function-Error-Type header) names the
// type when the body does not; a body that is not such an object is
// kept in Body with an empty Message.
func ParseErrorPayload(body []byte, headerType string) ErrorPayload {
	e := ErrorPayload{Type: headerType, Body: append([]byte(nil), body...)}
	v, err := fastjson.ParseBytes(body)
	if err != nil || v.Type() != fastjson.TypeObject {
		return e
	}
	if s := v.GetStringBytes("errorType"); len(s) > 0 {
		e.Type = string(s)
	}
	e.Message = string(v.GetStringBytes("errorMessage"))
	return e
}
