use super::*;
use crate::model::Span;

/// Builds mentions by finding each `(name, type)` in order in `text`.
fn doc(text: &str, names: &[(&str, EntityType)]) -> (String, Vec<Mention>) {
    let mut from = 0;
    let mut mentions = Vec::new();
    for &(name, kind) in names {
        let at = from
            + text[from..]
                .find(name)
                .unwrap_or_else(|| panic!("{name} not in text after {from}"));
        mentions.push(Mention {
            span: Span::new(at, at + name.len()),
            kind,
            sentence: 0,
            rule: "test".into(),
            score: 1.0,
        });
        from = at + name.len();
    }
    (text.to_owned(), mentions)
}

fn names_of(entities: &[Entity], docs: &[(String, Vec<Mention>)]) -> Vec<Vec<String>> {
    entities
        .iter()
        .map(|e| {
            let mut v: Vec<String> = e
                .mentions
                .iter()
                .map(|m| {
                    docs[m.doc].1[m.mention]
                        .span
                        .slice(&docs[m.doc].0)
                        .to_owned()
                })
                .collect();
            v.dedup();
            v
        })
        .collect()
}

fn run(docs: &[(String, Vec<Mention>)]) -> Vec<Entity> {
    let views: Vec<DocMentions<'_>> = docs
        .iter()
        .map(|(t, m)| DocMentions {
            text: t,
            language: Language::Nl,
            mentions: m,
        })
        .collect();
    merge(&views)
}

use EntityType::*;

#[test]
fn spelling_variants_short_forms_and_acronyms_merge_across_articles() {
    let docs = vec![
        doc(
            "De leider van ISIS Abu Bakr Al-Baghdadi heeft Mosoel verlaten. Al-Bagdhadi wordt gezocht. Al-Bagdadi riep in Mosoel het kalifaat uit.",
            &[
                ("ISIS", Org),
                ("Abu Bakr Al-Baghdadi", Per),
                ("Mosoel", Loc),
                ("Al-Bagdhadi", Per),
                ("Al-Bagdadi", Per),
                ("Mosoel", Loc),
            ],
        ),
        doc(
            "Islamitische Staat-leider Abu Bakr al-Bagdadi werd uitgeschakeld. Bagdadi zou dood zijn. Mosul is bijna ingenomen. Deir Ezzor blijft in handen van IS.",
            &[
                ("Abu Bakr al-Bagdadi", Per),
                ("Bagdadi", Per),
                ("Mosul", Loc),
                ("Deir Ezzor", Loc),
                ("IS", Org),
            ],
        ),
        doc(
            "Het kalifaat van Islamitische Staat (IS) bestaat niet meer. Abu Faysal en Abu Quadamah al-Iraqi zijn gedood. Deir el-Zor. IS-leider Abu Bakr al-Baghdadi. Generaal Jefferey Harrigan zegt dat. Harrigan vertelt.",
            &[
                ("Islamitische Staat", Org),
                ("IS", Org),
                ("Abu Faysal", Per),
                ("Abu Quadamah al-Iraqi", Per),
                ("Deir el-Zor", Loc),
                ("Abu Bakr al-Baghdadi", Per),
                ("Jefferey Harrigan", Per),
                ("Harrigan", Per),
            ],
        ),
    ];
    let entities = run(&docs);
    let names = names_of(&entities, &docs);
    let find = |s: &str| {
        names
            .iter()
            .position(|n| n.iter().any(|x| x == s))
            .unwrap_or_else(|| panic!("{s} in {names:?}"))
    };
    let baghdadi = find("Abu Bakr Al-Baghdadi");
    for variant in [
        "Al-Bagdhadi",
        "Al-Bagdadi",
        "Abu Bakr al-Bagdadi",
        "Bagdadi",
        "Abu Bakr al-Baghdadi",
    ] {
        assert_eq!(find(variant), baghdadi, "{variant}");
    }
    assert_eq!(find("Mosul"), find("Mosoel"));
    assert_eq!(find("Deir Ezzor"), find("Deir el-Zor"));
    assert_eq!(find("IS"), find("Islamitische Staat"));
    assert_eq!(find("Harrigan"), find("Jefferey Harrigan"));
    // Never merged.
    assert_ne!(find("Abu Faysal"), baghdadi);
    assert_ne!(find("Abu Quadamah al-Iraqi"), baghdadi);
    assert_ne!(find("Abu Faysal"), find("Abu Quadamah al-Iraqi"));
    assert_ne!(
        find("ISIS"),
        find("IS"),
        "not defined as the same acronym in the text"
    );
    let e = &entities[baghdadi];
    assert_eq!(
        e.name.to_lowercase(),
        "abu bakr al-baghdadi",
        "the most used spelling"
    );
    assert_eq!(e.kind, Per);
    assert!(e.aliases.contains(&"Al-Bagdhadi".to_owned()));
    let rules: Vec<&str> = e.merges.iter().map(|m| m.rule).collect();
    assert!(
        rules.contains(&"spelling") && rules.contains(&"short-form"),
        "{rules:?}"
    );
    let is = &entities[find("IS")];
    assert!(
        is.merges.iter().any(|m| m.rule == "acronym"),
        "{:?}",
        is.merges
    );
}

#[test]
fn a_person_and_a_similar_place_stay_apart() {
    let docs = vec![doc(
        "Baghdadi vluchtte uit Baghdad naar Syrië. Syrische troepen.",
        &[
            ("Baghdadi", Per),
            ("Baghdad", Loc),
            ("Syrië", Loc),
            ("Syrische", Misc),
        ],
    )];
    let entities = run(&docs);
    assert_eq!(entities.len(), 4);
}

#[test]
fn a_surname_shared_by_two_people_is_not_guessed() {
    let docs = vec![
        doc(
            "Jan Peeters en Marc Peeters spraken.",
            &[("Jan Peeters", Per), ("Marc Peeters", Per)],
        ),
        doc("Peeters zei niets.", &[("Peeters", Per)]),
    ];
    let entities = run(&docs);
    assert_eq!(entities.len(), 3, "{entities:?}");
}

#[test]
fn a_lone_surname_joins_the_only_full_name_across_articles() {
    let docs = vec![
        doc("Rami Abdulrahman zegt dat.", &[("Rami Abdulrahman", Per)]),
        doc("Volgens Abdulrahman is het waar.", &[("Abdulrahman", Per)]),
    ];
    let entities = run(&docs);
    assert_eq!(entities.len(), 1);
    assert_eq!(entities[0].merges[0].rule, "surname");
}

#[test]
fn type_votes_merge_compatible_types() {
    let docs = vec![doc(
        "IS en IS en IS.",
        &[("IS", Org), ("IS", Org), ("IS", Misc)],
    )];
    let entities = run(&docs);
    assert_eq!(entities.len(), 1);
    assert_eq!(entities[0].kind, Org);
}

#[test]
fn acronyms() {
    assert!(is_acronym_of("IS", "Islamitische Staat"));
    assert!(is_acronym_of("SOCOM", "Special Operations Command"));
    assert!(is_acronym_of("VN", "Verenigde Naties"));
    assert!(is_acronym_of(
        "EADS",
        "European Aeronautic Defence and Space Company"
    ));
    assert!(!is_acronym_of("IS", "Irak"));
    assert!(!is_acronym_of("VS", "Verenigde Naties"));
    assert!(!is_acronym_of("A", "Amsterdam"));
}
