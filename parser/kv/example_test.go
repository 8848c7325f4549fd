package kv_test

import (
	"errors"
	"fmt"

	"github.com/siem-go/siem/parser/kv"
)

func ExampleParse() {
	line := []byte(`user=alice src=192.0.2.1 msg="login failed: bad \"password\"" action=deny empty= x='single quoted'`)
	pairs, err := kv.Parse(line, make([]kv.Pair, 0, 16)) // reuse the slice for every line
	if err != nil {
		fmt.Println(err)
		return
	}
	var buf []byte // reused for every value
	for _, p := range pairs {
		buf = p.AppendValue(buf[:0])
		fmt.Printf("%s=[%s]\n", p.Key, buf)
	}
	if src, ok := kv.First(pairs, "src"); ok {
		fmt.Printf("first src: %s\n", src.RawValue)
	}
	// Output:
	// user=[alice]
	// src=[192.0.2.1]
	// msg=[login failed: bad "password"]
	// action=[deny]
	// empty=[]
	// x=[single quoted]
	// first src: 192.0.2.1
}

// Firewalls often write values with spaces and no quotes; ValuesToNextKey
// runs each value up to the next " key=".
func ExampleOptions_Parse() {
	opt := kv.Options{ValuesToNextKey: true}
	pairs, err := opt.Parse([]byte("act=blocked msg=Login failed for admin src=198.51.100.23 dpt=22"), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range pairs {
		fmt.Printf("%s: %q\n", p.Key, p.RawValue)
	}
	// Output:
	// act: "blocked"
	// msg: "Login failed for admin"
	// src: "198.51.100.23"
	// dpt: "22"
}

// sudo writes its fields separated by " ; ".
func ExampleOptions_Parse_separator() {
	opt := kv.Options{Separator: ';'}
	pairs, err := opt.Parse([]byte("TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/bin/cat /var/log/secure"), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range pairs {
		fmt.Printf("%s: %q\n", p.Key, p.RawValue)
	}
	// Output:
	// TTY: "pts/0"
	// PWD: "/home/alice"
	// USER: "root"
	// COMMAND: "/bin/cat /var/log/secure"
}

func ExampleError() {
	pairs, err := kv.Parse([]byte(`user=alice msg="unterminated`), nil)
	var kerr *kv.Error
	if errors.As(err, &kerr) {
		fmt.Println(kerr.Offset, err)
	}
	fmt.Println(len(pairs), "pair read before the error")
	// Output:
	// 15 offset 15: expected a closing '"' for the value quoted here
	// 1 pair read before the error
}
