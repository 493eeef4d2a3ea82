// Package gen generates a deterministic, Denmark-scale corpus of minutes of
// the cross-sector health collaboration, with an answer key for every
// document, so that the loader's speed and extraction quality can be
// measured far beyond the five hand-annotated samples.
//
// # What it generates
//
// The population and the bodies come from the reference skeleton
// (corpus/reference): the 5 regions, the 98 municipalities and the 22
// clusters with their hospitals. Every cluster has a political and a
// professional-strategic level, whose seats are posts: regional
// councillors (with party letters), the mayors of the cluster's
// municipalities, PLO GPs, municipal and regional committee chairs,
// patient representatives, hospital, psychiatry, regional and municipal
// directors, and the secretariat. A post shared by two clusters (Vejen is
// in Lillebælt and Sydvestjylland; one hospital serves three Nordjylland
// clusters) puts the same person in both. Posts change hands over time:
// mayors, councillors and committee chairs at the 2026 election (a former
// mayor may become a committee chair), directors at random (a deputy may be
// promoted); deputies stand in for absent holders.
//
// At scale 1 each level meets MeetingsPerYear times a year for Years years
// from July 2022: 22 × 2 × 6 × 4 = 1,056 documents and about 1,500 people.
// Sub-bodies (styregruppe, implementeringsgruppe, ad hoc gruppe,
// koordinationsforum, temaudvalg, arbejdsgruppe) are set up in items,
// with their members. At scale N the corpus adds sub-bodies that meet four
// to eight times with minutes of their own, mostly staffed by new people,
// until there are exactly N times as many documents; the population grows
// in proportion (about 15,000 at scale 10).
//
// # Layouts
//
// Documents rotate among the participant layouts of the samples:
//
//   - header_line (Sønderjylland): "Mødedeltagere Name, V, Name, X Kommune,
//     ... (Fravær)"; "Afbud:" and "X deltog i stedet for Y" in item 1;
//     "Fraværende ..." under every item.
//   - deltagerliste (Lillebælt): the header line plus item 1 "Deltagerliste"
//     grouped by organisation and role, AFBUD, "(Deltager på mødet, grundet
//     afbud fra Y)", late apologies and staff who "Deltog under punkt 2-4"
//     in the decision.
//   - moedeltagere (Nordjylland): item 1 "Mødedeltagere" with
//     "Sundhedsklyngens medlemmer", "Udvalgsformænd med observatørstatus",
//     "Administrativ deltagelse" (with "(sekretariat)"), "Gæster", and
//     "Afbud: A og B." in the decision; item titles carry "- N min".
//   - no_list (Sydvestjylland): item 1 "Velkomst v. X" with newcomers
//     ("som er ny i klyngen"), apologies and substitutes only; titles may
//     carry ", kl. HH.MM-HH.MM".
//
// Items have case numbers (header layouts), Resumé / Sagsfremstilling /
// Indstilling / Beslutning / Bilag sections (sometimes in capitals), and
// decisions with every outcome. Initiatives carry amounts in the Danish
// formats ("1,350 mio. kr.", "1.350.000 kr.", "kr. 8.310.111"), periods
// ("1. november 2024 til og med 31. oktober 2026", "ved udgangen af 2026",
// "i perioden 2025-2026"), owners and participating organisations. The next
// meeting is announced, with the date the plan actually gives it.
//
// # Answer keys
//
// Each key is a minutes.Extraction that says what the document says,
// following corpus/expected/README.md. The rules that README leaves open
// are decided here as follows:
//
//   - A document prints a person by a canonical form (the full name, or in
//     about 7% of documents a consistent short form: middle name dropped or
//     reduced to an initial, double first name hyphenated). The first
//     mention is always the canonical form; later mentions may be a
//     one-letter misspelling, the short form or the first name alone, and
//     these are the aliases. The Deltagerliste header line may misspell a
//     name whose canonical form is in the item-1 list.
//   - Role follows the heading a person is listed under; "(medformand)" is
//     co-chair; a substitute listed among the members, or known only from
//     "deltog i stedet for", is "substitute"; someone under AFBUD keeps
//     the role of their seat (as in the Lillebælt key); in the no_list
//     layout everyone named in item 1 is "member" (the role is not printed)
//     and a presenter gets attendance but no membership.
//   - Sub-bodies set up in an item have the meeting's level as parent;
//     a sub-body's own minutes name its parent level.
//   - decision_summary is the printed decision text (not a paraphrase);
//     summary and proposal are the printed Resumé and Indstilling.
//   - Positions are 1-based lines of the generated text, which has no
//     leading blank lines and needs no normalisation.
//
// people.json lists, for every person named anywhere, all the forms the
// corpus prints: the answer key for cross-document entity resolution.
//
// # Determinism
//
// The generator uses its own SplitMix64 source, never math/rand, and each
// document is rendered from its own stream, so the same Options give the
// same bytes with every Go release, in any order and in parallel.
package gen
