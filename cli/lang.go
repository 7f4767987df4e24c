package cli

import (
	"slices"
	"strings"

	"achilles/catalog"
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
