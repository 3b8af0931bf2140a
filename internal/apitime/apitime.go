// Package apitime reads the times both APIs answer, so that both resources
// decide "has this subscription expired?" the same way.
//
// CEN's DescribeCenBandwidthPackages answers minute-precision times
// ("2026-06-01T00:00Z"), RFC 3339, or a zone-less "2006-01-02 15:04:05";
// GA's DescribeBandwidthPackage answers epoch milliseconds in a string
// ("1700000000000") or the same ISO forms.
package apitime

import (
	"strconv"
	"time"
)

// layouts are the ISO forms either API uses; a form without a zone is UTC.
var layouts = []string{time.RFC3339, "2006-01-02T15:04Z07:00", "2006-01-02 15:04:05"}

// Parse reads an API time, in UTC. ok is false for "" and for forms neither
// API uses.
func Parse(s string) (t time.Time, ok bool) {
	if s == "" {
		return time.Time{}, false
	}
	if ms, err := strconv.ParseInt(s, 10, 64); err == nil {
		return time.UnixMilli(ms).UTC(), true
	}
	for _, layout := range layouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// RFC3339 turns an API time into RFC 3339, leaving a form it cannot read as it is.
func RFC3339(s string) string {
	if t, ok := Parse(s); ok {
		return t.Format(time.RFC3339)
	}
	return s
}

// Expired reports whether a subscription's expiry lies in the past. An
// expiry that cannot be read counts as not expired: the safe side is to
// keep the plan rather than call a release the API refuses.
func Expired(expiredTime string, now time.Time) bool {
	t, ok := Parse(expiredTime)
	return ok && !now.Before(t)
}
