package cli

import (
	"slices"
	"strings"

	"achilles/assessment"
	"achilles/catalog"
	"achilles/region"
)

// language picks the catalog: --lang when given (an unknown one is bad
// usage), else the locale of LC_ALL, LC_MESSAGES or LANG, the first that is
// set, falling back to English when the locale's language is not present.
func language(env Env, g *globals) (*catalog.Catalog, error) {
	if g.lang != "" {
		if !slices.Contains(catalog.Languages(), g.lang) {
			return nil, usagef("--lang %q is not a known language; available: %s", g.lang, strings.Join(catalog.Languages(), ", "))
		}
		return catalog.Load(g.lang)
	}
	lang := catalog.LocaleLanguage(env.Getenv)
	if !slices.Contains(catalog.Languages(), lang) {
		lang = catalog.Default
	}
	return catalog.Load(lang)
}

// classRegion is the region of --region, else of the locale: the class
// server's default for students whose session names none.
func classRegion(env Env, g *globals) string {
	if g.region != "" {
		return region.Normalize(g.region)
	}
	return region.FromLocale(env.Getenv)
}

// emergency is how to reach emergency services in the user's region, in
// the catalog's language: --region, else the locale's territory. A region
// without a number of its own gets the generic words; it is not an error.
func emergency(env Env, g *globals, cat *catalog.Catalog) string {
	return region.Emergency(cat, classRegion(env, g))
}

// advice is the region's advice line for when it is not an emergency, a
// sentence of its own, or "".
func advice(env Env, g *globals, cat *catalog.Catalog) string {
	return region.Advice(cat, classRegion(env, g))
}

// reportOptions word a report for the session's region: the emergency
// number, the advice line for when it is not an emergency, and where to
// go today.
func reportOptions(env Env, g *globals, cat *catalog.Catalog) assessment.Options {
	return assessment.Options{Emergency: emergency(env, g, cat), Advice: advice(env, g, cat), Region: classRegion(env, g)}
}
