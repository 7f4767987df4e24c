package questionnaire_test

import (
	"math/rand/v2"
	"slices"
	"testing"

	q "achilles/questionnaire"
)

func parse(t *testing.T, doc string) q.Answers {
	t.Helper()
	a, err := q.ParseAnswers([]byte(doc))
	if err != nil {
		t.Fatalf("ParseAnswers(%s): %v", doc, err)
	}
	return a
}

// walk lists the questions asked, in order, by following Next from the
// start screen (answerer).
func walk(t *testing.T, a *q.Answers) []q.Q {
	t.Helper()
	seq := []q.Q{q.Answerer}
	for cur := q.Answerer; ; {
		next, ok := q.Next(a, cur)
		if !ok {
			break
		}
		if next <= cur {
			t.Fatalf("Next(%s) = %s goes backwards", cur, next)
		}
		seq = append(seq, next)
		cur = next
		if len(seq) > int(q.Count) {
			t.Fatal("Next never ends")
		}
	}
	return seq
}

func ids(qs []q.Q) []string {
	s := make([]string, len(qs))
	for i, question := range qs {
		s[i] = question.ID()
	}
	return s
}

func without(skip ...q.Q) []q.Q {
	var qs []q.Q
	for _, question := range q.All() {
		if !slices.Contains(skip, question) {
			qs = append(qs, question)
		}
	}
	return qs
}

// The clot check's questions (docs/evidence.md §8): its signs, asked when a clot
// could fit the story; pressing for a dent, asked on a swollen leg; and the
// risk factors with the knee, asked when the leg has a sign of a clot.
var (
	clotSigns = []q.Q{q.CalfBigger, q.LegSwollen, q.CalfTender}
	clotRisks = []q.Q{q.LegImmobilised, q.BedRestSurgery, q.LongJourney, q.Pregnancy, q.Hormones, q.Cancer, q.PriorClot, q.KneeProblem}
)

func TestBranching(t *testing.T) {
	event := []q.Q{q.Mechanism, q.Pop, q.Kicked}
	exam := []q.Q{q.Gap, q.Thompson, q.Matles, q.BoneTender}
	noClot := append([]q.Q{q.Pitting}, clotRisks...)          // no sign of a clot yet
	noClotAtAll := append(slices.Clone(clotSigns), noClot...) // a clot does not fit
	gradual := parse(t, `{"onset": "gradual"}`)
	noExam := parse(t, `{"examiner": "nobody"}`)
	both := parse(t, `{"onset": "gradual", "examiner": "nobody"}`)
	cat := func(parts ...[]q.Q) []q.Q {
		var all []q.Q
		for _, p := range parts {
			all = append(all, p...)
		}
		return all
	}
	classic := `"onset": "sudden", "mechanism": "push_off", "time_since": "lt_24h"`

	tests := []struct {
		name string
		a    q.Answers
		want []q.Q
	}{
		// Without an onset there is no clear injury, so the clot signs are
		// asked; no sign yet, so no risk factors.
		{"nothing answered", q.Answers{}, without(cat([]q.Q{q.HeelBump}, noClot)...)},
		{"sudden onset today, the foot doing something named: no clot story", parse(t, `{"onset": "sudden", "mechanism": "landing", "time_since": "lt_24h"}`), without(cat([]q.Q{q.HeelBump}, noClotAtAll)...)},
		{"sudden onset, not known what the foot was doing: the signs", parse(t, `{"onset": "sudden", "mechanism": "unsure", "time_since": "lt_24h"}`), without(cat([]q.Q{q.HeelBump}, noClot)...)},
		{"sudden onset, the foot not said: the signs", parse(t, `{"onset": "sudden", "time_since": "lt_24h"}`), without(cat([]q.Q{q.HeelBump}, noClot)...)},
		{"a clear injury, when not known: the signs", parse(t, `{"onset": "sudden", "mechanism": "push_off", "pain_site": "achilles"}`), without(cat([]q.Q{q.HeelBump}, noClot)...)},
		{"unsure onset: no clear injury", parse(t, `{"onset": "unsure"}`), without(cat([]q.Q{q.HeelBump}, noClot)...)},
		{"gradual onset skips the injury event", gradual, without(cat(event, []q.Q{q.HeelBump}, noClot)...)},
		{"gradual pain at the tendon asks about a heel bump", parse(t, `{"onset": "gradual", "pain_site": "achilles"}`), without(cat(event, noClot)...)},
		{"gradual pain in the calf does not", parse(t, `{"onset": "gradual", "pain_site": "calf"}`), without(cat(event, []q.Q{q.HeelBump, q.Pitting})...)},
		{"nobody to examine skips the tests", noExam, without(cat(exam, []q.Q{q.HeelBump}, noClot)...)},
		{"both", both, without(cat(event, exam, []q.Q{q.HeelBump}, noClot)...)},
		{"answers to later questions change nothing", parse(t, `{"pop": "yes", "thompson": "positive", "answerer": "other"}`), without(cat([]q.Q{q.HeelBump}, noClot)...)},

		{"a fresh classic rupture: no clot questions", parse(t, `{`+classic+`, "pain_site": "achilles"}`), without(cat([]q.Q{q.HeelBump}, noClotAtAll)...)},
		{"heel pain after an injury asks about a heel bump", parse(t, `{`+classic+`, "pain_site": "heel"}`), without(noClotAtAll...)},
		{"calf pain: signs and risks", parse(t, `{`+classic+`, "pain_site": "calf"}`), without(q.HeelBump, q.Pitting)},
		{"a bigger calf: pressing for a dent too", parse(t, `{`+classic+`, "pain_site": "calf", "calf_bigger": "yes"}`), without(q.HeelBump)},
		{"a whole leg swollen: pressing for a dent too", parse(t, `{"onset": "sudden", "mechanism": "push_off", "time_since": "1_14d", "pain_site": "achilles", "leg_swollen": "yes"}`), without(q.HeelBump)},
		{"nothing in particular happened: the signs", parse(t, `{"onset": "sudden", "mechanism": "none", "pain_site": "achilles", "calf_bigger": "no", "leg_swollen": "no", "calf_tender": "no"}`), without(cat([]q.Q{q.HeelBump}, noClot)...)},
		{"a tender calf brings the risk factors", parse(t, `{"onset": "sudden", "mechanism": "none", "pain_site": "achilles", "calf_tender": "yes"}`), without(q.HeelBump, q.Pitting)},
		{"an injury a week old: the signs", parse(t, `{"onset": "sudden", "mechanism": "push_off", "time_since": "1_14d", "pain_site": "achilles"}`), without(cat([]q.Q{q.HeelBump}, noClot)...)},
		{"a clot risk already known", parse(t, `{`+classic+`, "pain_site": "achilles", "long_journey": "yes"}`), without(q.HeelBump, q.Pitting)},
		{"a swollen warm calf", parse(t, `{`+classic+`, "pain_site": "achilles", "calf_swelling_warm": "yes"}`), without(q.HeelBump)},
		{"chest symptoms", parse(t, `{`+classic+`, "pain_site": "achilles", "chest_symptoms": "yes"}`), without(q.HeelBump, q.Pitting)},
		// A sign answered in a branch no longer taken does not bring the
		// risk factors back.
		{"a hidden sign counts for nothing", parse(t, `{`+classic+`, "pain_site": "achilles", "calf_tender": "yes", "calf_bigger": "yes"}`), without(cat([]q.Q{q.HeelBump}, noClotAtAll)...)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := walk(t, &tt.a)
			if !slices.Equal(got, tt.want) {
				t.Errorf("asked %v,\nwant  %v", ids(got), ids(tt.want))
			}
			for _, question := range q.All() {
				if asked := q.Asked(&tt.a, question); asked != slices.Contains(tt.want, question) {
					t.Errorf("Asked(%s) = %v", question, asked)
				}
			}
			// The examiner question itself stays: it is where "nobody can
			// examine" is chosen.
			if !q.Asked(&tt.a, q.Examiner) || !q.Asked(&tt.a, q.Onset) || !q.Asked(&tt.a, q.PainSite) {
				t.Error("the questions that decide the branches must always be asked")
			}
		})
	}
}

// TestEffectiveIsStable: the answers Effective keeps ask exactly the same
// questions as the answers it was given, so counting them changes nothing,
// whatever was answered in branches no longer taken.
func TestEffectiveIsStable(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for range 20000 {
		var a q.Answers
		for _, question := range q.All() {
			if rng.IntN(2) == 0 {
				continue
			}
			info := question.Info()
			if info.Kind == q.Number {
				_ = a.SetNumber(question, info.Min+rng.IntN(info.Max-info.Min+1))
			} else {
				_ = a.SetChoice(question, info.Values[rng.IntN(len(info.Values))])
			}
		}
		eff := q.Effective(a)
		if again := q.Effective(eff); again != eff {
			t.Fatalf("Effective is not stable: %v then %v", values(&eff), values(&again))
		}
		for _, question := range q.All() {
			if q.Asked(&a, question) != q.Asked(&eff, question) {
				t.Fatalf("%s: asked %v with %v, but %v with what Effective keeps (%v)",
					question, q.Asked(&a, question), values(&a), q.Asked(&eff, question), values(&eff))
			}
		}
	}
}

func TestNextPrev(t *testing.T) {
	cases := map[string]q.Answers{
		"none":    {},
		"gradual": parse(t, `{"onset": "gradual"}`),
		"no exam": parse(t, `{"examiner": "nobody"}`),
	}
	for name, a := range cases {
		t.Run(name, func(t *testing.T) {
			seq := walk(t, &a)
			// Prev walks the same list backwards: the two are inverse.
			for i, cur := range seq {
				prev, ok := q.Prev(&a, cur)
				if i == 0 {
					if ok {
						t.Errorf("Prev(%s) = %s, want none at the start", cur, prev)
					}
					continue
				}
				if !ok || prev != seq[i-1] {
					t.Errorf("Prev(%s) = %s, %v; want %s", cur, prev, ok, seq[i-1])
				}
				if next, _ := q.Next(&a, prev); next != cur {
					t.Errorf("Next(Prev(%s)) = %s", cur, next)
				}
			}
			last := seq[len(seq)-1]
			if next, ok := q.Next(&a, last); ok {
				t.Errorf("Next(%s) = %s, want none at the end", last, next)
			}
			if last != q.PriorRupture {
				t.Errorf("the last question is %s, want prior_rupture", last)
			}
			if first := q.First(&a); first != q.ChestSymptoms {
				t.Errorf("First() = %s; the emergency check comes straight after the start screen", first)
			}
		})
	}

	// From a skipped question (the user changed the branch while on it),
	// Next and Prev still land on asked questions.
	gradual := parse(t, `{"onset": "gradual"}`)
	if next, ok := q.Next(&gradual, q.Pop); !ok || next != q.PainSite {
		t.Errorf("gradual: Next(pop) = %s, %v; want pain_site", next, ok)
	}
	if prev, ok := q.Prev(&gradual, q.Kicked); !ok || prev != q.Side {
		t.Errorf("gradual: Prev(kicked) = %s, %v; want side", prev, ok)
	}
	if next, _ := q.Next(&gradual, q.Side); next != q.PainSite {
		t.Errorf("gradual: Next(side) = %s, want pain_site", next)
	}
	noExam := parse(t, `{"examiner": "nobody"}`)
	if next, _ := q.Next(&noExam, q.Examiner); next != q.Side {
		t.Errorf("no examiner: Next(examiner) = %s, want side", next)
	}
	if next, _ := q.Next(&noExam, q.Thompson); next != q.Side {
		t.Errorf("no examiner: Next(thompson) = %s, want side", next)
	}
	if next, _ := q.Next(&noExam, q.PushWeak); next != q.Age {
		t.Errorf("no examiner: Next(push_weak) = %s, want age", next)
	}
	if prev, _ := q.Prev(&noExam, q.Age); prev != q.PushWeak {
		t.Errorf("no examiner: Prev(age) = %s, want push_weak", prev)
	}
	if prev, _ := q.Prev(&noExam, q.Side); prev != q.Examiner {
		t.Errorf("no examiner: Prev(side) = %s, want examiner", prev)
	}
}

func TestPlaceAndProgress(t *testing.T) {
	gradual := parse(t, `{"onset": "gradual"}`)
	noExam := parse(t, `{"examiner": "nobody"}`)
	tests := []struct {
		name             string
		a                q.Answers
		at               q.Q
		done, totalAsked int
	}{
		// With nothing answered: 43 questions, less the heel bump, pressing
		// for a dent and the eight clot risk questions.
		{"start", q.Answers{}, q.Answerer, 0, 33},
		{"first emergency question", q.Answers{}, q.ChestSymptoms, 1, 33},
		{"last emergency question", q.Answers{}, q.CalfSwellingWarm, 7, 33},
		{"pop, sudden", q.Answers{}, q.Pop, 15, 33},
		{"onset, gradual", gradual, q.Onset, 9, 30},
		{"pain site, gradual", gradual, q.PainSite, 14, 30},
		{"first clot sign", q.Answers{}, q.CalfBigger, 21, 33},
		{"thompson", q.Answers{}, q.Thompson, 12, 33},
		{"examiner, nobody to examine", noExam, q.Examiner, 11, 29},
		{"age, nobody to examine", noExam, q.Age, 25, 29},
		{"last question", q.Answers{}, q.PriorRupture, 32, 33},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if n, total := q.Place(&tt.a, tt.at); n != tt.done+1 || total != tt.totalAsked {
				t.Errorf("Place(%s) = %d of %d, want %d of %d", tt.at, n, total, tt.done+1, tt.totalAsked)
			}
			if done, total := q.Progress(&tt.a, tt.at); done != tt.done || total != tt.totalAsked {
				t.Errorf("Progress(%s) = %d of %d, want %d of %d", tt.at, done, total, tt.done, tt.totalAsked)
			}
		})
	}

	// Along any walk, Place counts up by one from 1 to the number of
	// questions asked, across the sections.
	for _, a := range []q.Answers{{}, gradual, noExam, parse(t, `{"pain_site": "calf", "calf_bigger": "yes"}`)} {
		seq := walk(t, &a)
		for i, cur := range seq {
			n, total := q.Place(&a, cur)
			if n != i+1 || total != len(seq) {
				t.Errorf("Place(%s) = %d of %d, want %d of %d", cur, n, total, i+1, len(seq))
			}
		}
	}
}

func TestEffective(t *testing.T) {
	a := parse(t, `{"onset": "gradual", "mechanism": "twist", "pop": "yes", "kicked": "no",
		"thompson": "positive", "gap": "felt", "examiner": "trainer", "age": 40, "walk": "limp"}`)
	original := a

	eff := q.Effective(a)
	want := map[string]string{"onset": "gradual", "thompson": "positive", "gap": "felt", "examiner": "trainer", "age": "40", "walk": "limp"}
	if got := values(&eff); !maps(got, want) {
		t.Errorf("Effective, gradual onset: %v, want %v", got, want)
	}
	if a != original {
		t.Error("Effective changed its argument")
	}

	// "Nobody can examine" drops the tests but keeps the rest.
	if err := a.Set(q.Examiner, "nobody"); err != nil {
		t.Fatal(err)
	}
	eff = q.Effective(a)
	want = map[string]string{"onset": "gradual", "examiner": "nobody", "age": "40", "walk": "limp"}
	if got := values(&eff); !maps(got, want) {
		t.Errorf("Effective, gradual and nobody to examine: %v, want %v", got, want)
	}

	// Going back and changing the branch brings the kept answers back.
	if err := a.Set(q.Examiner, "trainer"); err != nil {
		t.Fatal(err)
	}
	if err := a.Set(q.Onset, "sudden"); err != nil {
		t.Fatal(err)
	}
	eff = q.Effective(a)
	if got := values(&eff); len(got) != original.Len() || got["pop"] != "yes" || got["thompson"] != "positive" || got["onset"] != "sudden" {
		t.Errorf("Effective after changing the branch back: %v", got)
	}

	// With no branch taken, Effective changes nothing.
	full := parse(t, `{"onset": "sudden", "pop": "yes", "thompson": "positive", "bone_tender": "no"}`)
	if q.Effective(full) != full {
		t.Error("Effective dropped answers to questions that are asked")
	}
}

func TestSections(t *testing.T) {
	// The parts of the questionnaire as shown on screen, in order, and
	// their questions, in order: the start screen, the emergency check
	// before anything else, then the main questions that settle the triage
	// for most stories, then the details by topic.
	want := []struct {
		id        string
		questions []string
	}{
		{"start", []string{"answerer"}},
		{"emergency", []string{"chest_symptoms", "open_wound", "numb_or_cold_foot", "deformity", "severe_tense_calf", "heel_skin", "calf_swelling_warm"}},
		{"main", []string{"time_since", "onset", "tiptoe", "examiner", "thompson"}},
		{"event", []string{"side", "mechanism", "pop", "kicked"}},
		{"symptoms", []string{"pain_site", "heel_bump", "pain_now", "swelling", "prior_symptoms"}},
		{"clot", []string{"calf_bigger", "leg_swollen", "pitting", "calf_tender", "leg_immobilised", "bed_rest_surgery",
			"long_journey", "pregnancy", "hormones", "cancer", "prior_clot", "knee_problem"}},
		{"function", []string{"walk", "push_weak"}},
		{"examination", []string{"gap", "matles", "bone_tender"}},
		{"risk", []string{"age", "fluoroquinolone", "corticosteroid", "prior_rupture"}},
	}
	if int(q.SectionCount) != len(want) {
		t.Fatalf("SectionCount = %d, want %d", q.SectionCount, len(want))
	}
	known := map[string]bool{}
	for s := q.Section(0); s < q.SectionCount; s++ {
		known[s.ID()] = true
	}
	var order []string
	for _, s := range want {
		if !known[s.id] {
			t.Errorf("no section has the ID %q", s.id)
		}
		order = append(order, s.questions...)
		for _, id := range s.questions {
			if got := lookup(t, id).Info().Part().ID(); got != s.id {
				t.Errorf("%s is shown in part %q, want %q", id, got, s.id)
			}
		}
	}
	if got := ids(q.All()); !slices.Equal(got, order) {
		t.Errorf("All() = %v,\nwant    %v", got, order)
	}
	if got := q.IDs(); !slices.Equal(got, order) {
		t.Errorf("IDs() = %v,\nwant    %v", got, order)
	}

	// A main question keeps its topic, the section that the contract's
	// "section" gives; no question has "main" as its topic.
	topics := map[string]string{"time_since": "event", "onset": "event", "tiptoe": "function",
		"examiner": "examination", "thompson": "examination"}
	for _, question := range q.All() {
		info := question.Info()
		if info.Section == q.SectionMain || info.Section >= q.SectionCount {
			t.Errorf("%s has no valid topic section (%d)", question, info.Section)
		}
		if want, ok := topics[question.ID()]; ok != info.Main || (ok && info.Section.ID() != want) {
			t.Errorf("%s: Main = %v, topic %s; want main %v, topic %q", question, info.Main, info.Section.ID(), ok, want)
		}
	}

	// Parts never interleave: once the questionnaire leaves a part it
	// never comes back to it. The red flags are exactly the emergency part.
	left := map[q.Section]bool{}
	for i, question := range q.All() {
		if question != q.Q(i) {
			t.Errorf("All()[%d] = %d", i, question)
		}
		p := question.Info().Part()
		if left[p] {
			t.Errorf("%s comes back to part %s", question, p.ID())
		}
		if i > 0 {
			if prev := q.Q(i - 1).Info().Part(); prev != p {
				left[prev] = true
			}
		}
		if red := question.Info().RedFlag; red != (p == q.SectionEmergency) {
			t.Errorf("%s: RedFlag = %v in part %s", question, red, p.ID())
		}
	}

	// Questions with a how-to are the tests and checks a helper performs.
	var howTo []string
	for _, question := range q.All() {
		if question.Info().HowTo {
			howTo = append(howTo, question.ID())
		}
	}
	if wantHow := []string{"tiptoe", "thompson", "calf_bigger", "pitting", "gap", "matles", "bone_tender"}; !slices.Equal(howTo, wantHow) {
		t.Errorf("questions with a how-to: %v, want %v", howTo, wantHow)
	}
}
