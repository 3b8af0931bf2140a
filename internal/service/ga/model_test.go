package ga

import (
	"context"
	"encoding/json"
	"reflect"
	"slices"
	"testing"
	"time"

	gasdk "github.com/aliyun/alibaba-cloud-sdk-go/services/ga"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/bwplan/terraform-provider-aliyun/internal/emulator"
	"github.com/bwplan/terraform-provider-aliyun/internal/emutest"
)

// The tests of the mapping from the API's answers to the model: they fail
// when an attribute is added in one place and not the others (DESIGN.md,
// "How to add an attribute").

// planAnswer is a plan as Describe answers it, every field modelFromAPI
// reads filled in (a pay-as-you-go cross-region plan: the kind that has them all).
func planAnswer() bandwidthPackage {
	return bandwidthPackage{BandwidthPackage: gasdk.BandwidthPackage{
		BandwidthPackageId: "gbwp-1", Bandwidth: 10, Type: "CrossDomain", BandwidthType: "Enhanced", ChargeType: "POSTPAY",
		BillingType: "PayBY95", Ratio: 40, CbnGeographicRegionIdA: "China-mainland", CbnGeographicRegionIdB: "Global",
		Name: "plan", Description: "desc", State: "active", ExpiredTime: "1700000000000", CreateTime: "1600000000000",
	}, ResourceGroupId: "rg-1"}
}

// renewAnswers are the auto-renew answers, in the API's two forms.
func renewAnswers() []autoRenewAttribute {
	return []autoRenewAttribute{
		{AutoRenew: true, AutoRenewDuration: 3, RenewalStatus: renewalAuto},
		{AutoRenew: true, AutoRenewDuration: 3},
	}
}

var answerTags = map[string]string{"env": "test"}

func mapPlan(bp bandwidthPackage) bandwidthPackageModel {
	return modelFromAPI(bandwidthPackageModel{}, &bp, &renewAnswers()[0], answerTags)
}

func mapRenew(a autoRenewAttribute) bandwidthPackageModel {
	bp := planAnswer()
	return modelFromAPI(bandwidthPackageModel{}, &bp, &a, answerTags)
}

func fieldsOf(read map[string][]string) []string {
	var out []string
	for field := range read {
		out = append(out, field)
	}
	return out
}

func attributesOf(read map[string][]string) []string {
	var out []string
	for _, attrs := range read {
		for _, a := range attrs {
			if !slices.Contains(out, a) {
				out = append(out, a)
			}
		}
	}
	return out
}

// planAttributes are the attributes modelFromAPI fills from a plan's answer
// and its tags: what both the resource and the data source read.
func planAttributes(t *testing.T) []string {
	return append(attributesOf(emutest.FieldsRead(t, []bandwidthPackage{planAnswer()}, mapPlan)), "tags")
}

// TestMappingReadsExactlyAPIFields: modelFromAPI reads every field
// planFields and renewFields list, and no other, and takes the tags given.
func TestMappingReadsExactlyAPIFields(t *testing.T) {
	read := fieldsOf(emutest.FieldsRead(t, []bandwidthPackage{planAnswer()}, mapPlan))
	if msg := emutest.SameSet("the plan fields modelFromAPI reads", read, "planFields", planFields); msg != "" {
		t.Error(msg)
	}
	read = fieldsOf(emutest.FieldsRead(t, renewAnswers(), mapRenew))
	if msg := emutest.SameSet("the auto-renew fields modelFromAPI reads", read, "renewFields", renewFields); msg != "" {
		t.Error(msg)
	}
	bp := planAnswer()
	if m := modelFromAPI(bandwidthPackageModel{}, &bp, &renewAnswers()[0], map[string]string{"other": "x"}); m.Tags.Equal(mapPlan(bp).Tags) {
		t.Error("modelFromAPI does not take the tags given")
	}
}

// TestSchemaAttributesFromAPI: every attribute of the resource is filled from
// the answers, or listed in notFromAPI with the reason.
func TestSchemaAttributesFromAPI(t *testing.T) {
	mapped := append(planAttributes(t), attributesOf(emutest.FieldsRead(t, renewAnswers(), mapRenew))...)
	emutest.CheckAttributes(t, bandwidthPackageSchema(context.Background()), mapped, notFromAPI)
}

// TestDataSourceHasMappedAttributes: the data source lists, for each plan,
// every attribute the resource reads from a plan's answer and its tags
// (ListBandwidthPackages lists no auto-renew settings).
func TestDataSourceHasMappedAttributes(t *testing.T) {
	var resp datasource.SchemaResponse
	NewBandwidthPackagesDataSource().Schema(context.Background(), datasource.SchemaRequest{}, &resp)
	emutest.CheckDataSource(t, resp.Schema, "packages", planAttributes(t), bandwidthPackageSchema(context.Background()))
}

// TestPlanOfCopiesEveryField: Describe's answer reaches the mapping whole.
func TestPlanOfCopiesEveryField(t *testing.T) {
	want := gasdk.BandwidthPackage{}
	v := reflect.ValueOf(&want).Elem()
	for i := range v.NumField() {
		f := v.Field(i)
		switch f.Kind() {
		case reflect.String:
			f.SetString(v.Type().Field(i).Name)
		case reflect.Int:
			f.SetInt(int64(i + 1))
		case reflect.Slice:
			f.Set(reflect.ValueOf([]string{v.Type().Field(i).Name}))
		default:
			t.Fatalf("field %s: add its kind %s here", v.Type().Field(i).Name, f.Kind())
		}
	}
	body, _ := json.Marshal(want)
	var describe gasdk.DescribeBandwidthPackageResponse
	if err := json.Unmarshal(body, &describe); err != nil {
		t.Fatal(err)
	}
	if got := planOf(&describe); !reflect.DeepEqual(got, want) {
		t.Errorf("planOf = %+v, want %+v", got, want)
	}
}

// TestEmulatorAnswersAPIFields: the emulator's DescribeBandwidthPackage,
// ListBandwidthPackages and DescribeBandwidthPackageAutoRenewAttribute answer
// every field the mapping reads, and between a subscription and a
// pay-as-you-go cross-region plan the mapping fills every mapped attribute.
func TestEmulatorAnswersAPIFields(t *testing.T) {
	t.Parallel()
	emu := emutest.Emulator(t, emulator.WithReadyDelay(0), emulator.WithUpdateDelay(0))
	c := emutest.Client(t, emu)
	call := func(action string, q map[string]string) map[string]any {
		t.Helper()
		out, err := emutest.GACommon(t, emu, action, q)
		if err != nil {
			t.Fatalf("%s: %v", action, err)
		}
		return out
	}
	filled := map[string]bool{}
	for _, create := range []map[string]string{
		{"Bandwidth": "10", "Type": "Basic", "BandwidthType": "Enhanced", "ChargeType": "PREPAY", "Duration": "1",
			"PricingCycle": "Month", "AutoPay": "true", "AutoRenew": "true", "AutoRenewDuration": "2",
			"ResourceGroupId": "rg-fields", "Tag.1.Key": "env", "Tag.1.Value": "test"},
		{"Bandwidth": "20", "Type": "CrossDomain", "ChargeType": "POSTPAY", "AutoPay": "true", "BillingType": "PayBY95",
			"Ratio": "40", "CbnGeographicRegionIdA": "China-mainland", "CbnGeographicRegionIdB": "Global"},
	} {
		id, _ := call("CreateBandwidthPackage", create)["BandwidthPackageId"].(string)
		call("UpdateBandwidthPackage", map[string]string{"BandwidthPackageId": id, "Name": "fields", "Description": "every field"})
		if missing := emutest.MissingKeys(call("DescribeBandwidthPackage", map[string]string{"BandwidthPackageId": id}), planFields); len(missing) > 0 {
			t.Errorf("DescribeBandwidthPackage does not answer %v", missing)
		}
		list, _ := call("ListBandwidthPackages", map[string]string{"BandwidthPackageId": id})["BandwidthPackages"].([]any)
		if len(list) != 1 {
			t.Fatalf("ListBandwidthPackages listed %d plans", len(list))
		}
		listed, _ := list[0].(map[string]any)
		if missing := emutest.MissingKeys(listed, append(slices.Clone(planFields), listTagsField)); len(missing) > 0 {
			t.Errorf("ListBandwidthPackages does not answer %v", missing)
		}
		renew := call("DescribeBandwidthPackageAutoRenewAttribute", map[string]string{"InstanceId": id})
		if missing := emutest.MissingKeys(renew, renewFields); len(missing) > 0 {
			t.Errorf("DescribeBandwidthPackageAutoRenewAttribute does not answer %v", missing)
		}

		m := bandwidthPackageModel{ID: types.StringValue(id)}
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		if err := refresh(ctx, c, &m); err != nil {
			t.Fatal(err)
		}
		cancel()
		for name, v := range emutest.Attributes(m) {
			if !v.IsNull() && !v.IsUnknown() {
				filled[name] = true
			}
		}
	}
	mapped := append(planAttributes(t), attributesOf(emutest.FieldsRead(t, renewAnswers(), mapRenew))...)
	for _, name := range mapped {
		if !filled[name] {
			t.Errorf("%s is null from the emulator's answers", name)
		}
	}
}

func TestAutoRenewDecoding(t *testing.T) {
	cases := map[string]bool{
		`{"AutoRenew":true,"AutoRenewDuration":3,"RenewalStatus":"AutoRenewal"}`: true,
		`{"AutoRenew":"true","AutoRenewDuration":"3"}`:                           true,
		`{"AutoRenew":true,"RenewalStatus":"NotRenewal"}`:                        false,
		`{"AutoRenew":false,"AutoRenewDuration":1,"RenewalStatus":"Normal"}`:     false,
	}
	for body, want := range cases {
		var a autoRenewAttribute
		if err := json.Unmarshal([]byte(body), &a); err != nil {
			t.Fatalf("%s: %v", body, err)
		}
		if a.enabled() != want {
			t.Errorf("%s: enabled %v, want %v", body, a.enabled(), want)
		}
	}
}
