package reliability_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/bwplan/terraform-provider-aliyun/internal/acctest"
	"github.com/bwplan/terraform-provider-aliyun/internal/emulator"
)

// Answers that are not the API's: each becomes a clear diagnostic (no panic),
// and state keeps tracking exactly the plans that exist.
func TestAccReliability_badAnswers(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	html := emulator.Fault{Action: "*", Mode: emulator.FaultBody, Status: 502, ContentType: "text/html",
		Body: "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>"}
	for _, k := range kinds {
		t.Run("proxy HTML page/"+k.name, func(t *testing.T) {
			t.Parallel()
			acctest.PreCheck(t)
			emu := fastEmulator(t)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
				CheckDestroy:             acctest.CheckPlanCount(emu, 0),
				Steps: []resource.TestStep{
					{
						// A 5xx may hide a purchase: the create is retried with its
						// ClientToken until the create timeout, then the error says a
						// plan may have been bought, with the proxy's answer.
						PreConfig:   func() { emu.AddFault(html) },
						Config:      providerBlock(emu, acctest.AccessKey, acctest.SecretKey, "", 1) + fmt.Sprintf(k.config, "timeouts {\n    create = \"3s\"\n  }"),
						ExpectError: regexp.MustCompile(`(?s)a plan may have been bought.*502 Bad\s+Gateway.*ClientToken: tf-`),
					},
					{
						PreConfig: emu.ClearFaults,
						Config:    defaultProvider(emu) + fmt.Sprintf(k.config, ""),
						Check:     resource.ComposeTestCheckFunc(acctest.CheckPlanCount(emu, 1), inEmulator(emu)),
					},
				},
			})
		})

		// The create is processed but its answer cut short: the retry with the
		// same ClientToken gets the plan's ID, so one plan and it is in state.
		t.Run("truncated create answer/"+k.name, func(t *testing.T) {
			t.Parallel()
			acctest.PreCheck(t)
			emu := fastEmulator(t)
			emu.AddFault(emulator.Fault{Action: k.create, Mode: emulator.FaultBody, Body: `{"RequestId":"5D0E","BandwidthPack`, Count: 1})
			emu.AddFault(emulator.Fault{Action: "*", Mode: emulator.FaultBody, Count: 2}) // 200, empty body
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
				CheckDestroy:             acctest.CheckPlanCount(emu, 0),
				Steps: []resource.TestStep{{
					Config: defaultProvider(emu) + fmt.Sprintf(k.config, ""),
					Check:  resource.ComposeTestCheckFunc(acctest.CheckPlanCount(emu, 1), inEmulator(emu)),
				}},
			})
		})

		// Describe answers 200 with an empty body during refresh: the plan
		// must not be dropped from state as if it were gone.
		t.Run("empty describe answer/"+k.name, func(t *testing.T) {
			t.Parallel()
			acctest.PreCheck(t)
			emu := fastEmulator(t)
			var id string
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
				CheckDestroy:             acctest.CheckPlanCount(emu, 0),
				Steps: []resource.TestStep{
					{
						Config: defaultProvider(emu) + fmt.Sprintf(k.config, ""),
						Check:  func(s *terraform.State) error { id = stateIDs(s)[k.address]; return nil },
					},
					{
						PreConfig:   func() { emu.AddFault(emulator.Fault{Action: "*", Mode: emulator.FaultBody}) },
						Config:      providerBlock(emu, acctest.AccessKey, acctest.SecretKey, "", 1) + fmt.Sprintf(k.config, ""),
						ExpectError: regexp.MustCompile(`(?s)empty or damaged.*HTTP 200 with an empty body`),
					},
					{
						PreConfig: emu.ClearFaults,
						Config:    defaultProvider(emu) + fmt.Sprintf(k.config, ""),
						Check: resource.ComposeTestCheckFunc(acctest.CheckPlanCount(emu, 1), inEmulator(emu), func(s *terraform.State) error {
							if got := stateIDs(s)[k.address]; got != id {
								return fmt.Errorf("plan %s became %s: the empty answer lost track of it", id, got)
							}
							return nil
						}),
					},
				},
			})
		})
	}

	// A status the API never documented is an answer that makes no sense:
	// the wait polls again instead of stopping (DESIGN.md, "Never buy
	// twice"), and the update completes once Describe answers sensibly.
	t.Run("unknown status", func(t *testing.T) {
		t.Parallel()
		acctest.PreCheck(t)
		emu := fastEmulator(t)
		var id string
		cfg := func(bw int) string {
			return defaultProvider(emu) + strings.Replace(fmt.Sprintf(cenPlan, ""), "bandwidth              = 5", fmt.Sprintf("bandwidth              = %d", bw), 1)
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
			CheckDestroy:             acctest.CheckPlanCount(emu, 0),
			Steps: []resource.TestStep{
				{
					Config: cfg(5),
					Check:  func(s *terraform.State) error { id = stateIDs(s)["aliyun_cen_bandwidth_package.test"]; return nil },
				},
				{
					// Describe answers after the modification with a status the API never documented.
					PreConfig: func() {
						emu.AddFault(emulator.Fault{Action: "DescribeCenBandwidthPackages", Mode: emulator.FaultBody, ContentType: "application/json",
							Count: 3, Body: fmt.Sprintf(`{"RequestId":"R","TotalCount":1,"PageNumber":1,"PageSize":10,"CenBandwidthPackages":{"CenBandwidthPackage":[`+
								`{"CenBandwidthPackageId":%q,"Bandwidth":5,"GeographicRegionAId":"china","GeographicRegionBId":"china",`+
								`"BandwidthPackageChargeType":"POSTPAY","Status":"Frobnicating","BusinessStatus":"Normal"}]}}`, id)})
					},
					Config: cfg(6),
					Check: resource.ComposeTestCheckFunc(
						resource.TestCheckResourceAttr("aliyun_cen_bandwidth_package.test", "bandwidth", "6"),
						func(*terraform.State) error {
							for _, f := range emu.Faults() {
								if f.Count > 0 {
									return fmt.Errorf("the odd answers were not all polled through: %d left", f.Count)
								}
							}
							return nil
						}),
				},
				{
					PreConfig: emu.ClearFaults,
					Config:    cfg(6),
					Check: resource.ComposeTestCheckFunc(acctest.CheckPlanCount(emu, 1), inEmulator(emu),
						resource.TestCheckResourceAttr("aliyun_cen_bandwidth_package.test", "bandwidth", "6")),
				},
			},
		})
	})
}
