//! Table tests: phrase → value with a fixed anchor, for Dutch and English; the contract (offsets,
//! rule ids, anchors, intervals, X placeholders); numbers that are not dates; arbitrary input.

use super::*;
use crate::model::{Document, Language};

fn run(lang: Language, text: &str, published: Option<&str>, bias: TenseBias) -> Vec<Timex> {
    let mut doc = Document::plain("t", text);
    doc.declared_language = Some(lang);
    let analysis = crate::text::analyze(&doc, lang);
    let config = TimeConfig { tense_bias: bias };
    extract(
        &doc,
        &analysis,
        published.and_then(PartialDate::parse),
        &config,
    )
}

fn show(text: &str, t: &[Timex]) -> String {
    t.iter()
        .map(|t| format!("{:?}={} ({})", t.span.slice(text), t.value, t.rule))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Runs a table of (sentence, expression, value) with one anchor.
fn check(lang: Language, published: &str, bias: TenseBias, cases: &[(&str, &str, &str)]) {
    let mut failures = Vec::new();
    for (sentence, phrase, want) in cases {
        let found = run(lang, sentence, Some(published), bias);
        let hit = found.iter().find(|t| t.span.slice(sentence) == *phrase);
        match hit {
            Some(t) if t.value == *want => {}
            _ => failures.push(format!(
                "{sentence:?}: want {phrase:?}={want}, got [{}]",
                show(sentence, &found)
            )),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} failed (anchor {published}):\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn dutch_absolute_dates() {
    check(
        Language::Nl,
        "2017-06-16",
        TenseBias::Auto,
        &[
            ("De aanval vond plaats op 28 mei.", "28 mei", "2017-05-28"),
            ("Hij stierf op 16 juni 2017.", "16 juni 2017", "2017-06-16"),
            (
                "In juni 2014 riep hij het kalifaat uit.",
                "juni 2014",
                "2014-06",
            ),
            ("Dat gebeurde in 2014.", "2014", "2014"),
            (
                "Het akkoord dateert van december 2015.",
                "december 2015",
                "2015-12",
            ),
            (
                "Ze werden gedood op 1 december.",
                "1 december",
                "2016-12-01",
            ),
            (
                "De brief is gedateerd 31-10-2017.",
                "31-10-2017",
                "2017-10-31",
            ),
            (
                "Op maandag 12 juni viel de stad.",
                "maandag 12 juni",
                "2017-06-12",
            ),
            ("Hij kwam aan op de 15de.", "de 15de", "2017-06-15"),
            ("Hij werd geboren in '81.", "'81", "1981"),
            ("Dat was in de jaren negentig.", "de jaren negentig", "199X"),
            (
                "Het eerste kwartaal van 2016 was goed.",
                "Het eerste kwartaal van 2016",
                "2016-Q1",
            ),
            ("Op 3 mrt. 2015 begon het.", "3 mrt. 2015", "2015-03-03"),
            (
                "Het gebeurde in de zomer van 2014.",
                "de zomer van 2014",
                "2014-SU",
            ),
            ("Met kerst 2014 was hij thuis.", "kerst 2014", "2014-12-25"),
            (
                "De twintigste eeuw was bloedig.",
                "De twintigste eeuw",
                "19",
            ),
            ("Om 18.30 uur begon het.", "18.30 uur", "2017-06-16T18:30"),
        ],
    );
}

#[test]
fn dutch_relative_to_publication() {
    check(
        Language::Nl,
        "2017-06-16",
        TenseBias::Auto,
        &[
            ("Vorig jaar verloor IS Mosoel.", "Vorig jaar", "2016"),
            (
                "Vorige week werd de stad omsingeld.",
                "Vorige week",
                "2017-W23",
            ),
            ("Gisteren meldde het leger dat.", "Gisteren", "2017-06-15"),
            ("Eergisteren viel de stad.", "Eergisteren", "2017-06-14"),
            (
                "Tien dagen geleden zette de coalitie de aanval in.",
                "Tien dagen geleden",
                "2017-06-06",
            ),
            (
                "Vijf maanden geleden was hij nog in Mosoel.",
                "Vijf maanden geleden",
                "2017-01",
            ),
            (
                "Twee weken geleden begon het offensief.",
                "Twee weken geleden",
                "2017-06-02",
            ),
            (
                "Afgelopen zondag vielen bommen.",
                "Afgelopen zondag",
                "2017-06-11",
            ),
            (
                "De verklaring werd vrijdag uitgegeven.",
                "vrijdag",
                "2017-06-16",
            ),
            ("Hij had donderdag al gebeld.", "donderdag", "2017-06-15"),
            ("De top zal dinsdag plaatsvinden.", "dinsdag", "2017-06-20"),
            (
                "De verkiezingen zijn later dit jaar.",
                "later dit jaar",
                "2017",
            ),
            (
                "Volgend jaar komt er een nieuwe wet.",
                "Volgend jaar",
                "2018",
            ),
            ("Deze zomer wordt het warm.", "Deze zomer", "2017-SU"),
            (
                "Het voorbije weekend vielen drie doden.",
                "Het voorbije weekend",
                "2017-W23-WE",
            ),
            ("Vandaag is het rustig.", "Vandaag", "2017-06-16"),
            ("Morgen komt de minister.", "Morgen", "2017-06-17"),
            ("Vanavond spreekt de premier.", "Vanavond", "2017-06-16TEV"),
            (
                "Gisteravond vielen schoten.",
                "Gisteravond",
                "2017-06-15TEV",
            ),
            (
                "Zondagavond was het onrustig.",
                "Zondagavond",
                "2017-06-11TEV",
            ),
            ("Deze maand stijgen de prijzen.", "Deze maand", "2017-06"),
            (
                "Vorige maand daalde de werkloosheid.",
                "Vorige maand",
                "2017-05",
            ),
            (
                "Het vorige kwartaal was slecht.",
                "vorige kwartaal",
                "2017-Q1",
            ),
            ("Verleden jaar won Club Brugge.", "Verleden jaar", "2016"),
            (
                "Over twee weken beslist de rechter.",
                "Over twee weken",
                "2017-06-30",
            ),
            ("Het beleid wordt nu herzien.", "nu", "PRESENT_REF"),
            ("Onlangs werd hij gezien.", "Onlangs", "PAST_REF"),
            (
                "In de toekomst komt er meer.",
                "In de toekomst",
                "FUTURE_REF",
            ),
            ("De top was in maart.", "maart", "2017-03"),
        ],
    );
}

#[test]
fn dutch_relative_to_the_previous_expression() {
    check(
        Language::Nl,
        "2017-06-16",
        TenseBias::Auto,
        &[
            (
                "In juni 2014 viel Mosoel. Een jaar later viel Ramadi.",
                "Een jaar later",
                "2015",
            ),
            (
                "Op 28 mei 2017 vielen bommen. Twee dagen daarna volgde een tweede aanval.",
                "Twee dagen daarna",
                "2017-05-30",
            ),
            (
                "De aanval was op 28 mei 2017. De dag ervoor was het rustig.",
                "De dag ervoor",
                "2017-05-27",
            ),
            (
                "Op 3 maart 2015 begon het. Het jaar daarop stopte het.",
                "Het jaar daarop",
                "2016",
            ),
        ],
    );
}

#[test]
fn dutch_fuzzy_parts_durations_sets_ranges() {
    check(
        Language::Nl,
        "2017-06-16",
        TenseBias::Auto,
        &[
            ("Eind 2014 viel de stad.", "Eind 2014", "2014"),
            ("Begin 2015 kwam de tegenaanval.", "Begin 2015", "2015"),
            ("Medio 2016 was het gebied heroverd.", "Medio 2016", "2016"),
            (
                "Half mei kwamen de eerste berichten.",
                "Half mei",
                "2017-05",
            ),
            (
                "De afgelopen maanden verloor IS terrein.",
                "De afgelopen maanden",
                "PXM",
            ),
            (
                "De afgelopen twee weken vielen veel doden.",
                "De afgelopen twee weken",
                "P2W",
            ),
            ("Het beleg duurde vijf maanden.", "vijf maanden", "P5M"),
            (
                "Hij zat vijfentwintig jaar vast.",
                "vijfentwintig jaar",
                "P25Y",
            ),
            ("Ze vergaderen elke week.", "elke week", "P1W"),
            ("Er vallen tien doden per dag.", "per dag", "P1D"),
            ("Dat duurde anderhalf uur.", "anderhalf uur", "PT1H30M"),
            ("De vlucht duurde drie uur.", "drie uur", "PT3H"),
            (
                "Na een twaalfurige vlucht landde het toestel.",
                "twaalfurige",
                "PT12H",
            ),
            ("Van 2014 tot 2016 regeerde IS.", "2014", "2014"),
            ("Van 2014 tot 2016 regeerde IS.", "2016", "2016"),
            (
                "Tussen mei en juli 2016 werd er gevochten.",
                "mei",
                "2016-05",
            ),
            (
                "Tussen mei en juli 2016 werd er gevochten.",
                "juli 2016",
                "2016-07",
            ),
            (
                "Het festival loopt van 13 tot 15 juli 2018.",
                "13",
                "2018-07-13",
            ),
            (
                "Het festival loopt van 13 tot 15 juli 2018.",
                "15 juli 2018",
                "2018-07-15",
            ),
        ],
    );
}

#[test]
fn dutch_modifiers() {
    let text = "Eind 2014 en begin 2015, medio 2016.";
    let t = run(Language::Nl, text, Some("2017-06-16"), TenseBias::Auto);
    let mods: Vec<_> = t.iter().map(|t| t.modifier).collect();
    assert_eq!(
        mods,
        [Some("END"), Some("START"), Some("MID")],
        "{}",
        show(text, &t)
    );
}

#[test]
fn english_expressions() {
    check(
        Language::En,
        "1998-01-08",
        TenseBias::Auto,
        &[
            (
                "The company said Tuesday that profits rose.",
                "Tuesday",
                "1998-01-06",
            ),
            ("Shares fell 5% last year.", "last year", "1997"),
            ("It will open next month.", "next month", "1998-02"),
            (
                "The deal closed on Oct. 23, 1997.",
                "Oct. 23, 1997",
                "1997-10-23",
            ),
            (
                "Sales rose in the third quarter.",
                "the third quarter",
                "1997-Q3",
            ),
            ("He arrived in December.", "December", "1997-12"),
            (
                "The talks ended two weeks ago.",
                "two weeks ago",
                "1997-12-25",
            ),
            (
                "Prices doubled in the past three months.",
                "the past three months",
                "P3M",
            ),
            ("It was popular in the 1990s.", "the 1990s", "199X"),
            ("The plant was built in 1982.", "1982", "1982"),
            ("Stocks plunged yesterday.", "yesterday", "1998-01-07"),
            ("It is now worth half that.", "now", "PRESENT_REF"),
            (
                "The vote is set for early next year.",
                "early next year",
                "1999",
            ),
            (
                "The meeting is at 4:30 p.m. Thursday.",
                "4:30 p.m. Thursday",
                "1998-01-08T16:30",
            ),
            (
                "The rate rose to 5 1/2 percent over five years.",
                "five years",
                "P5Y",
            ),
            (
                "Profit fell from $10 million a year earlier.",
                "a year earlier",
                "1997",
            ),
            (
                "It happened last Friday night.",
                "last Friday night",
                "1998-01-02TNI",
            ),
            (
                "Dividends are paid quarterly and annually.",
                "annually",
                "P1Y",
            ),
            (
                "The plant opened in June 1990. A year later it closed.",
                "A year later",
                "1991",
            ),
            (
                "The strike began on March 3, 1997. The day before, talks failed.",
                "The day before",
                "1997-03-02",
            ),
            (
                "Police arrived on May 5, 1997. The next day they left.",
                "The next day",
                "1997-05-06",
            ),
            ("Prices fell in late 1996.", "late 1996", "1996"),
            ("It was built in the mid-1980s.", "the mid-1980s", "198X"),
            ("The talks ended 10 days ago.", "10 days ago", "1997-12-29"),
            ("They met every week.", "every week", "P1W"),
            ("Trading ran from 1994 to 1996.", "1994", "1994"),
            ("Trading ran from 1994 to 1996.", "1996", "1996"),
            (
                "He spent twenty-five years there.",
                "twenty-five years",
                "P25Y",
            ),
            ("The deal was signed on 28 May.", "28 May", "1997-05-28"),
            ("Sales rose this summer.", "this summer", "1998-SU"),
        ],
    );
}

#[test]
fn numbers_are_not_dates() {
    let cases = [
        "Volgens het Pentagon telt de groep nog maximaal 15.000 strijders.",
        "Er zijn 100.000 man ingezet.",
        "De Amerikanen hebben 25 miljoen dollar op zijn hoofd gezet.",
        "Het gaat om tussen de 20.000 en 31.500 strijders.",
        "IS is al 65 procent van zijn terrein verloren.",
        "Een laatste strijdmacht, bestaande uit zo'n 3000 man, heeft zich verschanst.",
        "Een Russische TU-22M3 voert een aanval uit.",
        "Het leger zette 2000 soldaten in.",
        "De stand was 3-1 na een doelpunt.",
        "De koers steeg met 20,1 procent.",
        "Hij is 55 jaar oud.",
    ];
    for text in cases {
        let t = run(Language::Nl, text, Some("2017-06-16"), TenseBias::Auto);
        assert!(t.is_empty(), "{text:?}: {}", show(text, &t));
    }
    // Names and lists that look like times.
    let names = [
        "Dat schreef De Morgen in een commentaar.",
        "De jaarlijkse Roze Zaterdag trok veel volk.",
        "Na de Arabische Lente kwam de chaos.",
        "Rebellin (Ita) 10:21, Ullrich (Dui) 2:33.",
        "Dat is een dieet of zo.",
    ];
    for text in names {
        let t = run(Language::Nl, text, Some("2017-06-16"), TenseBias::Auto);
        assert!(t.is_empty(), "{text:?}: {}", show(text, &t));
    }
    let text = "Gisterenavond om 18 uur een informatiestop.";
    let t = run(Language::Nl, text, Some("2017-06-16"), TenseBias::Auto);
    assert_eq!(
        t[0].span.slice(text),
        "Gisterenavond om 18 uur",
        "{}",
        show(text, &t)
    );
    assert_eq!(t[0].value, "2017-06-15T18:00");
    let en = [
        "About 2,000 troops and 1,500 police were deployed.",
        "Revenue rose 12.5% to $1.2 billion.",
        "The index fell 3.25 points.",
    ];
    for text in en {
        let t = run(Language::En, text, Some("1998-01-08"), TenseBias::Auto);
        assert!(t.is_empty(), "{text:?}: {}", show(text, &t));
    }
}

#[test]
fn a_month_granular_anchor_stays_an_interval() {
    let text = "Tien dagen geleden zette een coalitie de aanval in, meldt de verklaring die vrijdag werd uitgegeven.";
    let t = run(Language::Nl, text, Some("2017-06"), TenseBias::Auto);
    let ago = t
        .iter()
        .find(|t| t.span.slice(text) == "Tien dagen geleden")
        .expect("found");
    assert_eq!(ago.value, "2017-06", "never an invented day");
    assert_eq!(
        ago.earliest.map(|d| d.to_string()).as_deref(),
        Some("2017-05-22")
    );
    assert_eq!(
        ago.latest.map(|d| d.to_string()).as_deref(),
        Some("2017-06-20")
    );
    assert_eq!(ago.needs, Needs::Offset);
    let friday = t
        .iter()
        .find(|t| t.span.slice(text) == "vrijdag")
        .expect("found");
    assert_eq!(friday.value, "2017-06");
    assert_eq!(
        friday.earliest.map(|d| d.to_string()).as_deref(),
        Some("2017-05-26")
    );
    assert_eq!(
        friday.latest.map(|d| d.to_string()).as_deref(),
        Some("2017-06-30")
    );
    assert_eq!(friday.needs, Needs::Weekday);
    assert_eq!(friday.tense, Tense::Past);

    // A name keeps its day: "28 mei" in an article of June 2017 is 28 May 2017.
    let t = run(
        Language::Nl,
        "Het gebeurde op 28 mei.",
        Some("2017-06"),
        TenseBias::Auto,
    );
    assert_eq!(t[0].value, "2017-05-28");
    // A year-granular anchor: "vorige maand" is some month of that year or the last.
    let t = run(
        Language::Nl,
        "Vorige maand viel de stad.",
        Some("2017"),
        TenseBias::Auto,
    );
    assert_eq!(t[0].value, "2017");
    assert_eq!(
        t[0].earliest.map(|d| d.to_string()).as_deref(),
        Some("2016-12-01")
    );
    assert_eq!(
        t[0].latest.map(|d| d.to_string()).as_deref(),
        Some("2017-11-30")
    );
}

#[test]
fn without_an_anchor_values_keep_placeholders() {
    let text = "Op 28 mei vond de aanval plaats. Vorig jaar viel Mosoel, tien dagen geleden Raqqa, en vrijdag kwam de verklaring. In december 2015 begon het.";
    let t = run(Language::Nl, text, None, TenseBias::Auto);
    let get = |p: &str| {
        t.iter()
            .find(|t| t.span.slice(text) == p)
            .unwrap_or_else(|| panic!("{p} not in {}", show(text, &t)))
    };
    let may = get("28 mei");
    assert_eq!(may.value, "XXXX-05-28");
    assert_eq!(may.anchor, Anchor::Published);
    assert_eq!(
        may.needs,
        Needs::Year {
            month: 5,
            day: Some(28)
        }
    );
    assert_eq!(may.earliest, None);
    assert_eq!(get("Vorig jaar").value, "XXXX");
    assert_eq!(get("Vorig jaar").needs, Needs::Offset);
    assert_eq!(get("tien dagen geleden").value, "XXXX-XX-XX");
    assert_eq!(get("vrijdag").value, "XXXX-WXX-5");
    assert_eq!(get("vrijdag").needs, Needs::Weekday);
    let dec = get("december 2015");
    assert_eq!(dec.value, "2015-12");
    assert_eq!(dec.needs, Needs::Nothing);
    assert_eq!(dec.anchor, Anchor::None);
}

#[test]
fn every_result_names_its_rule_and_anchor_and_slices_the_text() {
    let text = "Vorig jaar, op 16 juni 2017 en een jaar later: vijf maanden.";
    let t = run(Language::Nl, text, Some("2018-03-01"), TenseBias::Auto);
    assert_eq!(t.len(), 4, "{}", show(text, &t));
    for x in &t {
        assert!(x.rule.starts_with("nl/"), "{}", x.rule);
        assert!(!x.span.slice(text).is_empty());
        assert_eq!(x.span.slice(text).trim(), x.span.slice(text));
    }
    assert_eq!(t[0].anchor, Anchor::Published);
    assert_eq!(t[1].anchor, Anchor::None);
    assert_eq!(t[2].anchor, Anchor::Previous);
    assert_eq!(t[2].value, "2018");
    assert_eq!(t[3].kind, TimexType::Duration);
    // In text order, without overlaps.
    for w in t.windows(2) {
        assert!(w[0].span.end <= w[1].span.start);
    }
}

#[test]
fn the_tense_bias_decides_bare_weekdays_and_months() {
    let text = "De top is vrijdag.";
    let past = run(Language::Nl, text, Some("2017-06-14"), TenseBias::Past);
    let future = run(Language::Nl, text, Some("2017-06-14"), TenseBias::Future);
    assert_eq!(past[0].value, "2017-06-09");
    assert_eq!(future[0].value, "2017-06-16");
    let text = "De top is in februari.";
    let past = run(Language::Nl, text, Some("2017-06-14"), TenseBias::Past);
    let future = run(Language::Nl, text, Some("2017-06-14"), TenseBias::Future);
    assert_eq!(past[0].value, "2017-02");
    assert_eq!(future[0].value, "2018-02");
}

#[test]
fn flemish_usage() {
    check(
        Language::Nl,
        "2017-06-16",
        TenseBias::Auto,
        &[
            (
                "Verleden week werd hij opgepakt.",
                "Verleden week",
                "2017-W23",
            ),
            (
                "Hij komt aanstaande maandag.",
                "aanstaande maandag",
                "2017-06-19",
            ),
            ("De match is om 14u.", "14u", "2017-06-16T14:00"),
            (
                "Dat was in de voormiddag.",
                "de voormiddag",
                "2017-06-16TMO",
            ),
            ("Het was zondag jl. druk.", "zondag jl.", "2017-06-11"),
            (
                "Zaterdagnamiddag liep het mis.",
                "Zaterdagnamiddag",
                "2017-06-10TAF",
            ),
        ],
    );
}

#[test]
fn a_reference_time_places_clock_times() {
    let doc = Document::plain("t", "om 3 uur");
    let analysis = crate::text::analyze(&doc, Language::Nl);
    let now: jiff::civil::DateTime = "2013-02-12T04:30".parse().expect("valid");
    let reference = Reference {
        date: PartialDate::from_date(now.date()),
        time: Some(now.time()),
    };
    let config = TimeConfig {
        tense_bias: TenseBias::Future,
    };
    let t = extract_at(&doc, &analysis, Some(reference), &config);
    assert_eq!(t[0].value, "2013-02-12T15:00");
    assert_eq!(t[0].kind, TimexType::Time);
}

mod arbitrary {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn any_text_goes_through(text in "\\PC{0,200}", lang in prop_oneof![Just(Language::Nl), Just(Language::En)]) {
            for published in [None, Some("2017-06"), Some("2017-06-16"), Some("2017")] {
                let t = run(lang, &text, published, TenseBias::Auto);
                for x in &t {
                    prop_assert!(x.span.end <= text.len());
                    prop_assert!(text.get(x.span.range()).is_some());
                }
            }
        }

        #[test]
        fn time_words_and_numbers_go_through(words in proptest::collection::vec(prop_oneof![
            Just("vorige"), Just("week"), Just("28"), Just("mei"), Just("2017"), Just("geleden"),
            Just("tien"), Just("dagen"), Just("om"), Just("uur"), Just("half"), Just("van"),
            Just("tot"), Just("-"), Just("31-10-2017"), Just("'s"), Just("avonds"), Just("eind"),
            Just("de"), Just("jaren"), Just("negentig"), Just("later"), Just(","), Just("15de"),
            Just("Q3"), Just("99"), Just("0"), Just("9999"), Just("1/2"), Just("12:75"),
            Just("29-02-2017"), Just("vrijdag"), Just("laatste"), Just("na"), Just("kerst"),
        ], 0..12)) {
            let text = words.join(" ");
            for published in [None, Some("2017-06"), Some("0001-01-01"), Some("9999-12-31")] {
                let t = run(Language::Nl, &text, published, TenseBias::Auto);
                for x in &t {
                    prop_assert!(text.get(x.span.range()).is_some());
                }
            }
        }
    }
}
