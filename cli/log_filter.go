package cli

import (
	"slices"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"achilles/assessment"
	"achilles/catalog"
	"achilles/clublog"
)

// filterFlags are the flags that choose records, shared by list and
// export.
type filterFlags struct {
	athlete, team string
	since, until  string
	urgency       []string
}

func (f *filterFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&f.athlete, "athlete", "", "only the athletes whose name holds `TEXT` (any case)")
	fs.StringVar(&f.team, "team", "", "only the teams whose name holds `TEXT` (any case)")
	fs.StringVar(&f.since, "since", "", "only records saved on or after `DATE` (YYYY-MM-DD, local time)")
	fs.StringVar(&f.until, "until", "", "only records saved on or before `DATE` (YYYY-MM-DD, local time, the whole day)")
	fs.StringSliceVar(&f.urgency, "urgency", nil, "only records of the urgency `LEVEL`: "+strings.Join(triageIDs(), ", ")+"; repeatable, or comma-separated")
}

// triageIDs are the urgency levels, from the least urgent.
func triageIDs() []string {
	var ids []string
	for t := assessment.SelfCare; t <= assessment.EmergencyAmbulance; t++ {
		ids = append(ids, t.ID())
	}
	return ids
}

// filter checks the flags and makes the filter they ask for.
func (f *filterFlags) filter(env Env, cat *catalog.Catalog) (clublog.Filter, error) {
	out := clublog.Filter{Athlete: strings.TrimSpace(f.athlete), Team: strings.TrimSpace(f.team)}
	loc := location(env)
	var err error
	if out.Since, err = parseDay(cat, "--since", f.since, loc); err != nil {
		return out, err
	}
	if out.Until, err = parseDay(cat, "--until", f.until, loc); err != nil {
		return out, err
	}
	if !out.Until.IsZero() {
		out.Until = out.Until.AddDate(0, 0, 1) // the whole day
	}
	if !out.Since.IsZero() && !out.Until.IsZero() && !out.Since.Before(out.Until) {
		return out, usageT(cat, "clublog.error.since_after_until", "since", f.since, "until", f.until)
	}
	for _, u := range f.urgency {
		u = strings.TrimSpace(u)
		if !slices.Contains(triageIDs(), u) {
			return out, usageT(cat, "clublog.error.bad_urgency", "value", u, "allowed", strings.Join(triageIDs(), ", "))
		}
		if !slices.Contains(out.Triage, u) { // one SQL parameter a level, however often named
			out.Triage = append(out.Triage, u)
		}
	}
	return out, nil
}

// parseDay reads a date, YYYY-MM-DD, as the start of that day in loc; ""
// is no date.
func parseDay(cat *catalog.Catalog, flag, s string, loc *time.Location) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(s), loc)
	if err != nil {
		return time.Time{}, usageT(cat, "clublog.error.bad_date", "flag", flag, "value", s)
	}
	return t, nil
}
