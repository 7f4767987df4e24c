package questionnaire

// The message keys of a question's text in the catalogs. The wording of the
// question itself adapts to who is answering: the injured person ("you")
// or someone assessing them ("they").

// TextKey is the key of the question as asked of the injured person, or of
// a trainer or first-aider when other is true.
func (q Q) TextKey(other bool) string {
	if other {
		return "q." + bank[q].ID + ".text_other"
	}
	return "q." + bank[q].ID + ".text"
}

// HintKey is the key of the one-line hint.
func (q Q) HintKey() string { return "q." + bank[q].ID + ".hint" }

// WhyKey is the key of "why we ask".
func (q Q) WhyKey() string { return "q." + bank[q].ID + ".why" }

// HowKey is the key of "how to do the test", for questions with HowTo.
func (q Q) HowKey() string { return "q." + bank[q].ID + ".how" }

// DiagramKey is the key of the test's small text diagram, for questions
// with HowTo.
func (q Q) DiagramKey() string { return "q." + bank[q].ID + ".diagram" }

// ValueKey is the key of the label of one of a choice question's values.
func (q Q) ValueKey(value string) string {
	if i, ok := q.ValueIndex(value); ok {
		return keys[q].values[i]
	}
	return "q." + bank[q].ID + ".v." + value
}

// keys holds the keys that reports ask for on every assessment, built once
// from the bank, so that writing a report does not build them again.
var keys = func() (k [Count]struct {
	label  string
	values []string
}) {
	for i := range bank {
		k[i].label = "label." + bank[i].ID
		for _, v := range bank[i].Values {
			k[i].values = append(k[i].values, "q."+bank[i].ID+".v."+v)
		}
	}
	return k
}()

// UnitKey is the key of a number question's unit.
func (q Q) UnitKey() string { return "q." + bank[q].ID + ".unit" }

// LabelKey is the key of the question's short name in reports.
func (q Q) LabelKey() string { return keys[q].label }

// SectionKey is the key of the section's title.
func (s Section) SectionKey() string { return "section." + sectionIDs[s] }

// IntroKey is the key of the section's introduction.
func (s Section) IntroKey() string { return s.SectionKey() + ".intro" }
