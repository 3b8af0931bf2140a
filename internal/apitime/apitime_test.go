package apitime

import (
	"testing"
	"time"
)

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestExpired: CEN's forms.
func TestExpired(t *testing.T) {
	now := mustTime(t, "2026-06-01T00:00:00Z")
	cases := map[string]bool{
		"2026-05-31T23:59Z":    true,
		"2026-06-01T00:00Z":    true,
		"2026-06-01T00:01Z":    false,
		"2027-01-01T00:00:00Z": false,
		"":                     false,
		"soon":                 false,
	}
	for in, want := range cases {
		if got := Expired(in, now); got != want {
			t.Errorf("Expired(%q) = %v, want %v", in, got, want)
		}
	}
}

// TestTimes: GA's forms.
func TestTimes(t *testing.T) {
	if got := RFC3339("1700000000000"); got != "2023-11-14T22:13:20Z" {
		t.Errorf("epoch ms: %q", got)
	}
	if got := RFC3339("2023-11-14T22:13Z"); got != "2023-11-14T22:13:00Z" {
		t.Errorf("minute form: %q", got)
	}
	if got := RFC3339("soon"); got != "soon" {
		t.Errorf("unknown form: %q", got)
	}
	now := time.UnixMilli(1700000000000)
	if Expired("1700000000001", now) || !Expired("1700000000000", now) || Expired("", now) {
		t.Error("expired")
	}
}

// TestZoneless: CEN's "2006-01-02 15:04:05" is UTC, and every form reads
// to the same instant.
func TestZoneless(t *testing.T) {
	want := mustTime(t, "2026-06-01T08:00:00Z")
	for _, s := range []string{"2026-06-01 08:00:00", "2026-06-01T08:00Z", "2026-06-01T16:00+08:00", "2026-06-01T08:00:00Z", "1780300800000"} {
		if got, ok := Parse(s); !ok || !got.Equal(want) || got.Location() != time.UTC {
			t.Errorf("Parse(%q) = %v, %v; want %v in UTC", s, got, ok, want)
		}
	}
}
