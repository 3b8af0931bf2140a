package client

import (
	"crypto/rand"
	"encoding/hex"
)

// NewClientToken returns a fresh ClientToken for one create (or one renewal
// change): every retry of that call carries the same token, so the API runs
// it at most once. The API accepts up to 64 ASCII characters.
func NewClientToken() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return "tf-" + hex.EncodeToString(b)
}
