package assessment

// Sources are the references behind the numbers, exactly as docs/evidence.md §7
// cites them. Bibliographic data, not prose: the same in every language.
var Sources = []string{
	"Maffulli 1998, Am J Sports Med 26:266",
	"Reiman 2014, J Athl Train 49:820",
	"Chiodo 2010, JAAOS (AAOS guideline, 2009, reaffirmed 2014)",
	"Garras 2012, Clin Orthop Relat Res 470:2268",
	"Aminlari 2021, J Emerg Med 61:558",
	"Raikin 2013",
	"Singh 2015, BMJ",
	"Boyd 2015, BJGP",
	"Ganestam 2016, KSSTA 24:3730",
	"van der Linden 2003, Arch Intern Med 163",
	"Morales 2019, Clin Drug Investig 39:205",
	"Park 2019, KSSTA",
	"Bachmann 2003, BMJ 326:417",
	"Takahashi 2024, JBJS Open Access",
	"Costa 2020, Lancet 395:441 (UKSTAR)",
	"Semigran 2015, BMJ 351:h3480",
	"Wells 2003, NEJM 349:1227",
	"NICE NG158 (2020)",
	"Konstantinides 2019, Eur Heart J 41:543 (ESC guideline on pulmonary embolism)",
	"MHRA Drug Safety Update, March 2019",
	"FDA 2016 (boxed warning on fluoroquinolones)",
}
