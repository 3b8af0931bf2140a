package cen

import (
	"context"
	"encoding/json"
	"slices"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/cbn"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/bwplan/terraform-provider-aliyun/internal/emutest"
)

// The tests of the mapping from Describe's answer to the model: they fail
// when an attribute is added in one place and not the others (DESIGN.md,
// "How to add an attribute").

// answer is a plan as Describe answers it, every field modelFromAPI reads
// filled in.
func answer() *cbn.CenBandwidthPackage {
	p := &cbn.CenBandwidthPackage{
		CenBandwidthPackageId: "cenbwp-1", Bandwidth: 7, GeographicRegionAId: "china", GeographicRegionBId: "europe",
		Name: "plan", Description: "desc", BandwidthPackageChargeType: "PREPAY", ResourceGroupId: "rg-1",
		Status: "Idle", BusinessStatus: "Normal", ExpiredTime: "2027-01-01T00:00Z", CreationTime: "2026-01-01T00:00Z",
		IsCrossBorder: true,
	}
	p.Tags.Tag = []cbn.Tag{{Key: "env", Value: "test"}}
	return p
}

func mapAnswer(p *cbn.CenBandwidthPackage) bandwidthPackageModel {
	return modelFromAPI(bandwidthPackageModel{}, p)
}

// mappedAttributes are the attributes modelFromAPI fills from the answer.
func mappedAttributes(t *testing.T) []string {
	var out []string
	for _, attrs := range emutest.FieldsRead(t, []*cbn.CenBandwidthPackage{answer()}, mapAnswer) {
		for _, a := range attrs {
			if !slices.Contains(out, a) {
				out = append(out, a)
			}
		}
	}
	return out
}

// TestMappingReadsExactlyAPIFields: modelFromAPI reads every field apiFields
// lists, and no other.
func TestMappingReadsExactlyAPIFields(t *testing.T) {
	var read []string
	for field := range emutest.FieldsRead(t, []*cbn.CenBandwidthPackage{answer()}, mapAnswer) {
		read = append(read, field)
	}
	if msg := emutest.SameSet("the fields modelFromAPI reads", read, "apiFields", apiFields); msg != "" {
		t.Error(msg)
	}
}

// TestSchemaAttributesFromAPI: every attribute of the resource is filled from
// the answer, or listed in notFromAPI with the reason.
func TestSchemaAttributesFromAPI(t *testing.T) {
	emutest.CheckAttributes(t, testSchema(t), mappedAttributes(t), notFromAPI)
}

// TestDataSourceHasMappedAttributes: the data source lists, for each plan,
// every attribute the resource reads from the same answer.
func TestDataSourceHasMappedAttributes(t *testing.T) {
	var resp datasource.SchemaResponse
	NewBandwidthPackagesDataSource().Schema(context.Background(), datasource.SchemaRequest{}, &resp)
	emutest.CheckDataSource(t, resp.Schema, "packages", mappedAttributes(t), testSchema(t))
}

// TestEmulatorAnswersAPIFields: the emulator's DescribeCenBandwidthPackages
// answers every field the mapping reads, and the mapping fills every mapped
// attribute from it.
func TestEmulatorAnswersAPIFields(t *testing.T) {
	t.Parallel()
	emu, c := emulatorClient(t)
	create := cbn.CreateCreateCenBandwidthPackageRequest()
	create.Bandwidth, create.GeographicRegionAId, create.GeographicRegionBId = requests.NewInteger(2), "China", "Europe"
	create.BandwidthPackageChargeType, create.Period, create.PricingCycle = "PREPAY", requests.NewInteger(1), "Month"
	create.AutoPay, create.Name, create.Description = requests.NewBoolean(true), "fields", "every field"
	create.Tag = &[]cbn.CreateCenBandwidthPackageTag{{Key: "env", Value: "test"}}
	created, err := emutest.CBNClient(t, emu).CreateCenBandwidthPackage(create)
	if err != nil {
		t.Fatal(err)
	}
	id := created.CenBandwidthPackageId

	describe := cbn.CreateDescribeCenBandwidthPackagesRequest()
	describe.Filter = &[]cbn.DescribeCenBandwidthPackagesFilter{{Key: "CenBandwidthPackageId", Value: &[]string{id}}}
	out, err := emutest.CBNClient(t, emu).DescribeCenBandwidthPackages(describe)
	if err != nil {
		t.Fatal(err)
	}
	var raw struct {
		CenBandwidthPackages struct {
			CenBandwidthPackage []map[string]any
		}
	}
	if err := json.Unmarshal(out.GetHttpContentBytes(), &raw); err != nil || len(raw.CenBandwidthPackages.CenBandwidthPackage) != 1 {
		t.Fatalf("decoding %s: %v", out.GetHttpContentString(), err)
	}
	if missing := emutest.MissingKeys(raw.CenBandwidthPackages.CenBandwidthPackage[0], apiFields); len(missing) > 0 {
		t.Errorf("DescribeCenBandwidthPackages does not answer %v", missing)
	}

	p, err := findBandwidthPackageByID(context.Background(), c, id)
	if err != nil {
		t.Fatal(err)
	}
	m := mapAnswer(p)
	values := emutest.Attributes(m)
	for _, name := range mappedAttributes(t) {
		if v := values[name]; v.IsNull() || v.IsUnknown() {
			t.Errorf("%s is %s from the emulator's answer", name, v)
		}
	}
	if !m.Tags.Equal(types.MapValueMust(types.StringType, map[string]attr.Value{"env": types.StringValue("test")})) {
		t.Errorf("tags %s", m.Tags)
	}
}

func TestFromAPIKeepsUserForms(t *testing.T) {
	m := bandwidthPackageModel{
		GeographicRegionAID: types.StringValue("CHINA"),
		GeographicRegionBID: types.StringNull(),
		Name:                types.StringValue(""),
		Description:         types.StringNull(),
		Tags:                types.MapValueMust(types.StringType, map[string]attr.Value{}),
		OrderID:             types.StringUnknown(),
	}
	m = modelFromAPI(m, &cbn.CenBandwidthPackage{
		CenBandwidthPackageId: "cenbwp-1", Bandwidth: 7, GeographicRegionAId: "china", GeographicRegionBId: "middle-east",
		BandwidthPackageChargeType: "POSTPAY", Status: "Idle", BusinessStatus: "Normal", IsCrossBorder: true,
		CreationTime: "2026-01-01T00:00Z", ResourceGroupId: "rg-1",
	})
	checks := map[string][2]string{
		"area a":      {m.GeographicRegionAID.ValueString(), "CHINA"},
		"area b":      {m.GeographicRegionBID.ValueString(), "Middle-East"},
		"charge type": {m.ChargeType.ValueString(), "POSTPAY"},
		"status":      {m.Status.ValueString(), "Idle"},
	}
	for what, c := range checks {
		if c[0] != c[1] {
			t.Errorf("%s = %q, want %q", what, c[0], c[1])
		}
	}
	if m.Name.IsNull() || m.Name.ValueString() != "" {
		t.Errorf("name = %s, want the empty string the user wrote", m.Name)
	}
	if !m.Description.IsNull() || !m.ExpiredTime.IsNull() || !m.OrderID.IsNull() {
		t.Errorf("description %s, expired_time %s, order_id %s: want null", m.Description, m.ExpiredTime, m.OrderID)
	}
	if m.Tags.IsNull() || len(m.Tags.Elements()) != 0 {
		t.Errorf("tags = %s, want the empty map the user wrote", m.Tags)
	}
	if !m.IsCrossBorder.ValueBool() || m.Bandwidth.ValueInt64() != 7 {
		t.Errorf("is_cross_border %s, bandwidth %s", m.IsCrossBorder, m.Bandwidth)
	}
}
