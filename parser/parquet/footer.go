package parquet

import (
	"errors"
	"fmt"

	"github.com/parquet-go/parquet-go/encoding/thrift"
	"github.com/parquet-go/parquet-go/format"
)

// decodeFooter checks and decodes the file metadata. The metadata is
// walked first (see thrift.go), so every list in it is at most as long as
// the footer and decoding it costs memory proportional to its size.
func decodeFooter(b []byte) (md *format.FileMetaData, err error) {
	n, err := skimStruct(b)
	if err != nil {
		return nil, fileError(ErrCorrupt, "the footer is not valid Parquet metadata", adviceCorrupt, thriftError(err))
	}
	if n != len(b) {
		return nil, fileError(ErrCorrupt, fmt.Sprintf("the footer has %d bytes after its metadata", len(b)-n), adviceCorrupt, nil)
	}
	defer func() {
		if p := recover(); p != nil {
			md, err = nil, fileError(ErrCorrupt, "the footer is not valid Parquet metadata", adviceCorrupt, fmt.Errorf("%v", p))
		}
	}()
	md = new(format.FileMetaData)
	var proto thrift.CompactProtocol
	if err := thrift.NewDecoder(proto.NewReaderFromBytes(b)).Decode(md); err != nil {
		return nil, fileError(ErrCorrupt, "the footer is not valid Parquet metadata", adviceCorrupt, err)
	}
	return md, nil
}

// decodePageHeader decodes a page header b holds exactly, as walked by
// skimStruct.
func decodePageHeader(b []byte, h *format.PageHeader) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%v", p)
		}
	}()
	*h = format.PageHeader{}
	var proto thrift.CompactProtocol
	return thrift.NewDecoder(proto.NewReaderFromBytes(b)).Decode(h)
}

func thriftError(err error) error {
	if errors.Is(err, errShort) {
		return errors.New("a length or count in it runs past its end")
	}
	return err
}
