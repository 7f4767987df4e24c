package assessment

import (
	"strconv"
	"strings"

	"achilles/catalog"
	q "achilles/questionnaire"
	"achilles/region"
)

// Alternative is another condition worth considering.
type Alternative struct {
	ID   string
	Name string
	Why  string
}

// Actions is what to do, in words.
type Actions struct {
	Headline      string   // the triage in plain words
	Now           []string // what to do now
	Where         string   // where to go and how fast
	TellClinician []string
	After         []string // what usually follows, once seen

	// regional: Where is the region's own words (region.SameDayKey),
	// filled with its facts, whose sources the report then lists.
	regional bool
}

// ClotText is the clot check in words.
type ClotText struct {
	Summary  string   // the result, with the points and what NICE advises
	Findings []string // one line per finding, in the order of Clot.Findings
	Note     string   // how the check works, and that it is separate
}

// Report is a Result put into words in one language: what a person reads.
type Report struct {
	Result
	Lang         string
	Region       string // the normalized region code, "" when unknown
	Emergency    string // how to reach emergency services, in words
	Advice       string // the region's advice line for when it is not an emergency, a sentence; or ""
	Actions      Actions
	Reasons      []string // why this urgency, one line per safety floor
	Alternatives []Alternative
	Caveats      []string
	ClotCheck    ClotText

	cat *catalog.Catalog
}

// Options say how to word a report.
type Options struct {
	// Emergency is how to call emergency services in the user's region, for
	// example "999". Empty means the region is unknown, and the catalog's
	// generic wording is used.
	Emergency string
	// Advice is the region's sentence on its advice line for when it is
	// not an emergency (NHS 111), said on its own; "" for none.
	Advice string
	// Region is the user's region, an ISO 3166 code: it picks where to go
	// today (region.SameDayKey) and the facts on stem-cell products in
	// "what happens next". "" or a region without words of its own gets
	// the general words.
	Region string
}

// NewReport words a result in the catalog's language.
func NewReport(r Result, cat *catalog.Catalog, opts Options) Report {
	em := opts.Emergency
	if em == "" {
		em = cat.T("emergency.number.unknown")
	}
	code := region.Normalize(opts.Region)
	rep := Report{Result: r, Lang: cat.Lang(), Region: code, Emergency: em, Advice: opts.Advice, cat: cat}
	rep.Actions = actions(&rep.Result, cat, em, code)
	for i := range reasonIDs {
		if rep.decisive(i) {
			rep.Reasons = append(rep.Reasons, cat.T(reasonKeys[i]))
		}
	}
	rep.Alternatives = alternatives(&rep.Result, cat)
	rep.Caveats = caveats(&rep.Result, cat)
	rep.ClotCheck = clotText(&rep.Result, cat, em)
	return rep
}

// Care says for whom "what happens next" is worded: the report's region
// and emergency number.
func (rep *Report) Care() CareOptions {
	return CareOptions{Region: rep.Region, Emergency: rep.Emergency, Chronic: rep.Answers.Is(q.TimeSince, "gt_4w")}
}

// clotText words the clot check.
func clotText(r *Result, cat *catalog.Catalog, em string) ClotText {
	c := r.Clot
	result := clotResultKeys[c.Level]
	if c.Has(ClotChest) {
		// A clot that may have reached the lungs is an ambulance, not a
		// test booked within hours.
		result = "clot.result.chest"
	}
	t := ClotText{
		Summary: cat.F(result, "points", strconv.Itoa(c.Points), "emergency", em),
		Note:    cat.T("clot.note"),
	}
	for f := ClotFinding(0); f < clotFindingCount; f++ {
		if c.Has(f) {
			t.Findings = append(t.Findings, cat.T(clotFindingKeys[f]))
		}
	}
	return t
}

// ShowClot reports whether the clot check belongs in what a person reads:
// when it points to a clot, or when any of its questions was answered, so
// that the person who was asked sees what came of it.
func (r *Result) ShowClot() bool {
	if r.Clot.Level > ClotNoSigns {
		return true
	}
	for question := q.Q(0); question < q.Count; question++ {
		if question.Info().Section == q.SectionClot && r.Answers.Has(question) {
			return true
		}
	}
	return false
}

// RupturePlausible reports whether the first aid for a rupture applies: the
// estimate or a floor says a rupture is a real possibility.
func (r *Result) RupturePlausible() bool {
	return r.Band >= Possible || r.Reasons.Has(ReasonAAOS) || r.Reasons.Has(ReasonSuddenWeak) ||
		r.Reasons.Has(ReasonPopUntested)
}

func actions(r *Result, cat *catalog.Catalog, em, code string) Actions {
	a := &r.Answers
	chronic := r.Triage == Consultation && r.Reasons.Has(ReasonChronic)
	headline := triageTitleKeys[r.Triage]
	if chronic {
		headline = "triage.chronic.title"
	}
	// Room for the longest lists, so that appending does not grow them.
	act := Actions{Headline: cat.F(headline, "emergency", em), Now: make([]string, 0, 16)}
	add := func(key string) { act.Now = append(act.Now, cat.F(key, "emergency", em)) }
	yes := func(question q.Q) bool { return a.Is(question, "yes") }

	switch r.Triage {
	case EmergencyAmbulance:
		add("now.ambulance.call")
		add("now.ambulance.still")
		add("now.no_drive")
	case Emergency:
		add("now.emergency.go")
		add("now.no_drive")
	}
	switch {
	case yes(q.OpenWound) && yes(q.HeelSkin):
		add("now.open_wound_heel") // no pressure on a heel whose skin is at risk
	case yes(q.OpenWound):
		add("now.open_wound")
	}
	if yes(q.NumbOrColdFoot) {
		add("now.circulation")
	}
	if yes(q.Deformity) {
		add("now.deformity")
	}
	if yes(q.SevereTenseCalf) {
		add("now.compartment")
	}
	if yes(q.HeelSkin) {
		add("now.heel_skin")
	}
	clot := r.Clot.Level > ClotNoSigns
	if yes(q.CalfSwellingWarm) || clot {
		add("now.dvt")
	}
	if clot && r.Triage < EmergencyAmbulance {
		// NICE NG158: a scan within 4 hours when a clot is likely, a
		// D-dimer blood test within 4 hours otherwise.
		if r.Clot.Level == ClotLikely {
			add("now.clot_scan")
		} else {
			add("now.clot_test")
		}
		add("now.clot_warning")
	}
	if QuinoloneTendon(a) {
		add("now.quinolone")
	}

	// Cooling and raising the leg are wrong for a possible compartment
	// syndrome or a threatened blood supply, no help for a clot (unless a
	// rupture needs them too), and not for an open wound, which needs a
	// clean dressing.
	clotOnly := clot && !r.RupturePlausible()
	coolAndRaise := !yes(q.SevereTenseCalf) && !yes(q.NumbOrColdFoot) && !yes(q.CalfSwellingWarm) && !yes(q.OpenWound) && !clotOnly
	// First aid fits the time since the injury: "stop the activity now"
	// and the first days' ice and heat are for a fresh injury. Not knowing
	// when counts as fresh, the safe side. Weeks on, ice no longer helps,
	// and what stays is no massage and no sport until it is checked.
	fresh := !a.Has(q.TimeSince) || a.Is(q.TimeSince, "lt_24h")
	weeks := a.Is(q.TimeSince, "2_4w") || a.Is(q.TimeSince, "gt_4w")
	cool := func() {
		if coolAndRaise {
			if !weeks {
				add("now.ice")
			}
			add("now.raise")
		}
	}
	switch {
	case r.Triage == EmergencyAmbulance:
		// Nothing may distract from the call and keeping still.
	case r.RupturePlausible():
		if fresh {
			add("now.stop")
		} else {
			add("now.stop_later")
		}
		add("now.no_testing")
		add("now.off_weight")
		if !yes(q.Deformity) {
			// A deformed ankle is supported as it lies.
			add("now.toes_down")
		}
		cool()
		if weeks {
			add("now.no_massage")
		} else {
			add("now.no_heat")
		}
		add("now.pain_relief")
	case r.Triage == SelfCare || r.Triage == Consultation:
		add("now.rest")
		cool()
		add("now.pain_relief")
	default:
		if r.Reasons.Has(ReasonOttawa) || r.Reasons.Has(ReasonWalkUnable) {
			add("now.off_weight")
		}
		add("now.rest")
		cool()
		add("now.pain_relief")
	}
	if r.Triage == SelfCare {
		add("now.watch")
	}

	where := whereKeys[r.Triage]
	switch {
	case chronic:
		where = "where.chronic"
	case r.Triage == SameDay && clot && !r.RupturePlausible():
		// The place must be able to test for a clot today; a cast or
		// boot is not the point.
		where = "where.clot"
	case r.Triage == SameDay && clot:
		// A fracture clinic can fit a boot but rarely scans the leg veins
		// today: an emergency department does both.
		where = "where.clot_rupture"
	case r.Triage == SameDay && region.Placed(code):
		// A place that can fit a boot or cast today, as the region
		// organises care (docs/care.md §6).
		where = region.SameDayKey(code)
		act.regional = true
	}
	act.Where = region.Fill(cat, code, where, "emergency", em)

	act.TellClinician = tellClinician(r, cat)

	if r.RupturePlausible() {
		act.After = append(act.After, cat.T("after.ultrasound"))
		if !yes(q.OpenWound) {
			// A cut over the tendon is a different treatment path.
			act.After = append(act.After, cat.T("after.immobilise"))
		}
		act.After = append(act.After, cat.T("after.clot"))
		if !a.Is(q.Side, "left") {
			act.After = append(act.After, cat.T("after.driving"))
		}
	}
	return act
}

// tellClinician lists what the clinician should hear, from the answers.
func tellClinician(r *Result, cat *catalog.Catalog) []string {
	a := &r.Answers
	lines := make([]string, 0, 24)
	label := func(question q.Q) string {
		v, _ := a.Value(question)
		return cat.T(question.ValueKey(v))
	}
	add := func(key string, args ...string) { lines = append(lines, cat.F(key, args...)) }

	for question := q.Q(0); question < q.Count; question++ {
		if question.Info().RedFlag && a.Is(question, "yes") {
			add("tell.red_flag", "sign", cat.T(question.LabelKey()))
		}
	}
	if a.Has(q.TimeSince) {
		add("tell.when", "when", label(q.TimeSince))
	}
	if a.Has(q.Onset) {
		how := label(q.Onset)
		if a.Has(q.Mechanism) && !a.Is(q.Onset, "gradual") {
			how += "; " + label(q.Mechanism)
		}
		add("tell.how", "how", how)
	}
	if a.Is(q.Pop, "yes") {
		add("tell.pop")
	}
	if a.Is(q.Kicked, "yes") {
		add("tell.kicked")
	}
	if a.Has(q.Side) {
		add("tell.side", "side", label(q.Side))
	}
	if a.Has(q.PainSite) {
		add("tell.site", "site", label(q.PainSite))
	}
	if a.Is(q.Swelling, "yes") {
		add("tell.swelling")
	}
	if n, ok := a.Number(q.PainNow); ok {
		add("tell.pain", "pain", strconv.Itoa(n))
	}
	for _, question := range []q.Q{q.Walk, q.Tiptoe, q.PushWeak} {
		if v, ok := a.Choice(question); ok && !q.Neutral(v) {
			add("tell.finding", "finding", cat.T(question.LabelKey()), "value", label(question))
		}
	}
	examiner := cat.T(examinerKey(a.Examiner()))
	for _, question := range []q.Q{q.Thompson, q.Matles, q.Gap, q.BoneTender} {
		if v, ok := a.Choice(question); ok && !q.Neutral(v) {
			add("tell.test", "test", cat.T(question.LabelKey()), "value", label(question), "examiner", examiner)
		}
	}
	if r.AAOS.Assessed > 0 {
		add("tell.aaos", "positive", strconv.Itoa(r.AAOS.Positive), "assessed", strconv.Itoa(r.AAOS.Assessed))
	}
	if a.Is(q.Fluoroquinolone, "yes") {
		add("tell.fluoroquinolone")
	}
	if a.Is(q.Corticosteroid, "yes") {
		add("tell.corticosteroid")
	}
	if a.Is(q.PriorSymptoms, "yes") {
		add("tell.prior_symptoms")
	}
	if a.Is(q.PriorRupture, "yes") {
		add("tell.prior_rupture")
	}
	if a.Is(q.HeelBump, "yes") {
		add("tell.heel_bump")
	}
	if r.ShowClot() {
		if r.Clot.Level == ClotNoSigns {
			// The Wells score is for a suspected clot: without a sign in
			// the leg it is not given, lest 2 risk factors read as "likely".
			add("tell.clot_no_signs")
		} else {
			add("tell.clot", "result", cat.T(clotLevelKeys[r.Clot.Level]), "points", strconv.Itoa(r.Clot.Points))
		}
		var found []string
		for _, item := range clotYes {
			if item.f != ClotChest && a.Is(item.question, "yes") {
				found = append(found, cat.T(item.question.LabelKey()))
			}
		}
		if len(found) > 0 {
			add("tell.clot_findings", "findings", strings.Join(found, "; "))
		}
	}
	if len(lines) == 0 {
		add("tell.nothing")
	}
	return lines
}

// alternatives picks the other conditions worth considering (docs/evidence.md §5).
func alternatives(r *Result, cat *catalog.Catalog) []Alternative {
	a := &r.Answers
	yes := func(question q.Q) bool { return a.Is(question, "yes") }
	sudden := a.Is(q.Onset, "sudden")
	gradual := a.Is(q.Onset, "gradual")
	site := func(v string) bool { return a.Is(q.PainSite, v) }
	thompsonNeg := a.Is(q.Thompson, "negative")

	strong := a.Is(q.Tiptoe, "can") || a.Is(q.PushWeak, "no")
	weak := a.Is(q.Tiptoe, "cannot") || yes(q.PushWeak)
	clot := r.Clot.Level > ClotNoSigns
	// docs/evidence.md §5 and §8: each alternative with what points to it.
	when := [altCount]bool{
		altCalfMuscleTear: site("calf") || (sudden && thompsonNeg && !a.Has(q.PainSite)),
		// A pop in the mid-calf, without clear weakness or still able to
		// rise onto the toes; or a normal calf squeeze without weakness.
		altPlantaris: sudden && !a.Is(q.Thompson, "positive") &&
			((thompsonNeg && !yes(q.PushWeak)) || (site("calf") && yes(q.Pop) && (strong || !weak))),
		altPartialTear:    PartialTearPossible(a, r.Band),
		altTendinopathy:   gradual || yes(q.PriorSymptoms),
		altFQTendinopathy: QuinoloneTendon(a),
		altHaglund:        yes(q.HeelBump),
		altAnkleSprain:    a.Is(q.Mechanism, "twist") || site("ankle_side"),
		altAnkleFracture:  yes(q.BoneTender) || a.Is(q.Walk, "unable") || yes(q.Deformity),
		// Heel-bone pain after an injury, or at an age when a minor one
		// is enough (more often over 60: Takahashi 2024).
		altHeelAvulsion: yes(q.HeelSkin) || (site("heel") && !gradual) || (site("heel") && older(a)),
		altDVT:          clot || yes(q.ChestSymptoms),
		// A burst Baker's cyst is managed as a possible clot until scanned.
		altBakerCyst:   clot,
		altCompartment: yes(q.SevereTenseCalf) || (yes(q.NumbOrColdFoot) && site("calf")),
	}
	alts := make([]Alternative, 0, 4)
	for i, on := range when {
		if on {
			alts = append(alts, Alternative{ID: alternativeIDs[i], Name: cat.T(altNameKeys[i]), Why: cat.T(altWhyKeys[i])})
		}
	}
	return alts
}

// olderAge is the age from which a heel-bone avulsion fracture is more
// common (docs/evidence.md §8: more often in people over 60).
const olderAge = 60

func older(a *q.Answers) bool {
	n, ok := a.Number(q.Age)
	return ok && n > olderAge
}

// caveats are what the reader must keep in mind about this estimate.
func caveats(r *Result, cat *catalog.Catalog) []string {
	a := &r.Answers
	out := make([]string, 0, 8)
	out = append(out, cat.T("caveat.estimate"), cat.T("caveat.walking"))
	examined := false
	for _, question := range []q.Q{q.Thompson, q.Matles, q.Gap} {
		if v, ok := a.Choice(question); ok && !q.Neutral(v) {
			examined = true
		}
	}
	if examined {
		out = append(out, cat.T("caveat.surgeons"))
		switch a.Examiner() {
		case "self":
			out = append(out, cat.T("caveat.self_exam"))
		case "trainer":
			out = append(out, cat.T("caveat.trainer_exam"))
		}
	} else {
		out = append(out, cat.T("caveat.no_exam"))
	}
	if a.Is(q.BoneTender, "no") {
		out = append(out, cat.T("caveat.ottawa"))
	}
	if a.Is(q.TimeSince, "gt_4w") {
		out = append(out, cat.T("caveat.chronic"))
	}
	out = append(out, cat.T("caveat.prior"))
	return out
}
