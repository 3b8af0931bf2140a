package client

// Shared returns the value stored under key for this provider instance,
// building it once with build. Resources keep per-provider helpers here (a
// read batcher), so they live and die with the provider's configuration.
func (c *Client) Shared(key any, build func() any) any {
	if v, ok := c.shared.Load(key); ok {
		return v
	}
	v, _ := c.shared.LoadOrStore(key, build())
	return v
}
