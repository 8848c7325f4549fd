package cloudhsm_test

import (
	"fmt"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/cloudhsm"
	"github.com/siem-go/siem/parser"
)

func ExampleNormalize() {
	record := `Time: 01/24/18 17:44:25.013218, usecs:1516815865013218
Sequence No : 0x5
Reboot counter : 0x107
Command Type(hex) : CN_MGMT_CMD (0x0)
Opcode : CN_LOGIN (0xd)
Session Handle : 0xc008002
Response : 163:HSM Error: RET_USER_LOGIN_FAILURE
Log type : MGMT_USER_DETAILS_LOG (2)
User Name : testuser
User Type : CN_CRYPTO_USER (1)`
	var ev ecs.Event
	if err := cloudhsm.Normalize(siem.Record{Record: parser.Record{Data: []byte(record)}}, &ev); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(ev.AppendJSON(nil)))
	// Output:
	// {"@timestamp":"2018-01-24T17:44:25.013218Z","aws":{"cloudhsm":{"command_type":"CN_MGMT_CMD","command_type_hex":"0x0","hsm_error":"RET_USER_LOGIN_FAILURE","log_type":"MGMT_USER_DETAILS_LOG","log_type_code":2,"opcode":"CN_LOGIN","opcode_hex":"0xd","reboot_counter":263,"reboot_counter_hex":"0x107","response":"163:HSM Error: RET_USER_LOGIN_FAILURE","response_code":163,"sequence_no":5,"sequence_no_hex":"0x5","session_handle":"0xc008002","timestamp_usec":1516815865013218,"user_type_code":"1"}},"cloud":{"provider":"aws","service":{"name":"cloudhsm"}},"error":{"code":"163","message":"RET_USER_LOGIN_FAILURE"},"event":{"action":"CN_LOGIN","category":["authentication"],"kind":"event","outcome":"failure","type":["start"]},"related":{"user":["testuser"]},"user":{"name":"testuser","roles":["CN_CRYPTO_USER"]}}
}
