package parser

// SplitFields splits line on runs of spaces and tabs, appending the fields
// to dst[:0]. Fields alias line; each has its capacity cut to its length so
// that appending to one cannot overwrite the next. It allocates nothing when
// dst has room for every field.
func SplitFields(line []byte, dst [][]byte) [][]byte {
	dst = dst[:0]
	i, n := 0, len(line)
	for {
		for i < n && isFieldSeparator[line[i]] {
			i++
		}
		if i == n {
			return dst
		}
		j := i + 1
		for j < n && !isFieldSeparator[line[j]] {
			j++
		}
		dst = append(dst, line[i:j:j])
		i = j
	}
}

var isFieldSeparator = [256]bool{' ': true, '\t': true}
