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
	lang := LocaleLanguage(env.Getenv)
	if !slices.Contains(catalog.Languages(), lang) {
		lang = catalog.Default
	}
	return catalog.Load(lang)
}

// LocaleLanguage maps the POSIX locale to a language tag: zh_HK, zh_TW and
// zh_MO (and zh_Hant) give zh-Hant; anything else gives en.
func LocaleLanguage(getenv func(string) string) string {
	locale := ""
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(name); v != "" {
			locale = v
			break
		}
	}
	// Strip the encoding and modifier: zh_HK.UTF-8@stroke → zh_HK.
	if i := strings.IndexAny(locale, ".@"); i >= 0 {
		locale = locale[:i]
	}
	switch strings.ReplaceAll(strings.ToLower(locale), "-", "_") {
	case "zh_hk", "zh_tw", "zh_mo", "zh_hant", "zh_hant_hk", "zh_hant_tw", "zh_hant_mo":
		return "zh-Hant"
	}
	return "en"
}
