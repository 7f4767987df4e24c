package region

import (
	"slices"
	"strconv"

	"achilles/catalog"
)

// Where to go today depends on how care is organised in the region
// (docs/care.md §6): the kind of place that can fit a boot or cast the same
// day, and the advice line for when it is not an emergency. The words are
// in the catalog; what changes with time (a fee, a phone number, a
// service's name) is kept here as data, with the year it holds for and its
// source, and put into the words through placeholders.

// Fact is one fact about care in a region that changes over time.
type Fact struct {
	// ID is its placeholder in the catalog's words ({advice_line}), and
	// ID + "_year" is the placeholder of its year.
	ID string
	// Value is the fact as written, the same in every language: a fee, a
	// phone number, a service's name.
	Value string
	// Year is the year the fact holds for: from when a fee applies, or
	// when a number or a name was last checked.
	Year int
	// Source is who publishes it, where to check it again.
	Source string
}

// facts are the facts of each region with words of its own for where to
// go (docs/care.md §6). A region not listed here keeps the general words.
var facts = map[string][]Fact{
	"HK": {
		{ID: "ae_fee", Value: "HK$400", Year: 2026, Source: "Hospital Authority (Hong Kong), fees and charges"},
	},
	"GB": {
		{ID: "advice_line", Value: "NHS 111", Year: 2026, Source: "NHS England, NHS 111"},
		{ID: "advice_web", Value: "111.nhs.uk", Year: 2026, Source: "NHS England, NHS 111"},
		{ID: "fracture_clinic_days", Value: "3", Year: 2026, Source: "BOAST 7 (British Orthopaedic Association)"},
	},
	"US": {
		{ID: "er_law", Value: "EMTALA", Year: 2026, Source: "Centers for Medicare & Medicaid Services, EMTALA"},
	},
	"AU": {
		{ID: "urgent_care", Value: "Medicare Urgent Care Clinic", Year: 2026, Source: "Australian Government, Medicare Urgent Care Clinics"},
		{ID: "advice_line", Value: "healthdirect 1800 022 222", Year: 2026, Source: "healthdirect Australia"},
	},
}

// placed are the regions whose same-day place has words of its own, in
// the order the docs list them.
var placed = [...]string{"HK", "GB", "US", "AU"}

// Facts are the changeable facts of a region's care, for the reports'
// sources and the JSON; none for a region without words of its own.
func Facts(code string) []Fact { return facts[Normalize(code)] }

// FactIDs lists the IDs of every region's facts, each once, in the order
// of the regions with words of their own.
func FactIDs() []string {
	var ids []string
	for _, code := range placed {
		for _, f := range facts[code] {
			if !slices.Contains(ids, f.ID) {
				ids = append(ids, f.ID)
			}
		}
	}
	return ids
}

// Placed reports whether the region has words of its own for where to go
// today; the others keep the general words.
func Placed(code string) bool { return slices.Contains(placed[:], Normalize(code)) }

// SameDayKey is the catalog key of where to go today for a possible
// rupture in the region: a place that can fit a boot or cast the same day.
// It is "" for a region without words of its own.
func SameDayKey(code string) string {
	if code = Normalize(code); Placed(code) {
		return "where.same_day." + code
	}
	return ""
}

// Args are the placeholders a region's words are filled with, name then
// value: each fact's value, and its year as {id_year}.
func Args(code string) []string {
	fs := Facts(code)
	args := make([]string, 0, 4*len(fs))
	for _, f := range fs {
		args = append(args, f.ID, f.Value, f.ID+"_year", strconv.Itoa(f.Year))
	}
	return args
}

// Fill words a region's message: key filled with the region's facts and
// the extra name, value pairs.
func Fill(cat *catalog.Catalog, code, key string, extra ...string) string {
	if len(Facts(code)) == 0 {
		return cat.F(key, extra...) // most regions: nothing to add
	}
	return cat.F(key, append(Args(code), extra...)...)
}
