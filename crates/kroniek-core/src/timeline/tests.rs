use super::*;
use crate::claims::{Certainty, Claim, Relation, TimeRef};
use crate::model::{PartialDate, Span};

fn t(value: &str) -> TimeRef {
    let d = PartialDate::parse(value).expect("date");
    TimeRef::from_date(d)
}

fn claim(
    doc: usize,
    subject: usize,
    predicate: &str,
    when: Option<&str>,
    said: &str,
    certainty: Certainty,
) -> Placed {
    Placed {
        doc,
        claim: Claim {
            span: Span::new(doc * 100, doc * 100 + 10),
            sentence: 0,
            subject: 0,
            predicate: predicate.to_owned(),
            relation: None,
            object: None,
            value: None,
            place: None,
            when: when.map(t),
            said_on: Some(t(said)),
            source: None,
            cue: None,
            certainty,
            cues: vec![],
            trigger: Span::new(0, 0),
            rule: "test".into(),
        },
        subject,
        object: None,
        place: None,
        source: None,
        duplicate: false,
        original: None,
    }
}

fn at(mut c: Placed, place: usize, relation: Relation) -> Placed {
    c.place = Some(place);
    c.claim.relation = Some(relation);
    c
}

#[test]
fn the_same_death_in_several_articles_is_one_event() {
    let mut claims = vec![
        claim(
            0,
            7,
            "death",
            Some("2024-05-05"),
            "2024-05-10",
            Certainty::Reported,
        ),
        claim(
            1,
            7,
            "death",
            Some("2024-05-05"),
            "2024-05-11",
            Certainty::Reported,
        ),
        claim(2, 7, "death", None, "2024-05-13", Certainty::Hedged),
        claim(
            3,
            8,
            "death",
            Some("2024-05-05"),
            "2024-05-13",
            Certainty::Reported,
        ),
    ];
    claims[1].duplicate = true;
    let events = group_events(&claims);
    assert_eq!(events.len(), 2);
    let e = events.iter().find(|e| e.subject == 7).expect("event");
    assert_eq!(e.claims, [0, 1, 2]);
    assert_eq!(
        e.when.as_ref().map(|w| w.value.as_str()),
        Some("2024-05-05")
    );
    assert_eq!(e.independent_documents, 2, "the duplicate does not count");
}

#[test]
fn alive_after_a_claimed_death_conflicts_alive_before_does_not() {
    let claims = vec![
        claim(
            0,
            1,
            "alive",
            Some("2024-02-14"),
            "2024-02-14",
            Certainty::Reported,
        ),
        claim(
            1,
            1,
            "death",
            Some("2024-05-05"),
            "2024-05-10",
            Certainty::Unconfirmed,
        ),
        claim(
            2,
            1,
            "alive",
            Some("2024-11"),
            "2024-11",
            Certainty::Confirmed,
        ),
    ];
    let events = group_events(&claims);
    let conflicts = find_conflicts(&claims, &events);
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    assert_eq!(conflicts[0].kind, "alive-after-death");
    assert_eq!(conflicts[0].claims, [1, 2]);
}

#[test]
fn a_denied_death_conflicts_with_its_claim() {
    let claims = vec![
        claim(
            0,
            1,
            "death",
            Some("2024-05-05"),
            "2024-05-10",
            Certainty::Reported,
        ),
        claim(1, 1, "death", None, "2024-05-13", Certainty::Denied),
    ];
    let conflicts = find_conflicts(&claims, &group_events(&claims));
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].kind, "denied");
}

#[test]
fn two_places_at_once_and_different_counts() {
    let mut count_a = claim(
        0,
        3,
        "count",
        Some("2024-05"),
        "2024-05-20",
        Certainty::Reported,
    );
    count_a.claim.value = Some("2.000 strijders".into());
    let mut count_b = claim(
        1,
        3,
        "count",
        Some("2024-05"),
        "2024-05-21",
        Certainty::Reported,
    );
    count_b.claim.value = Some("8.000 strijders".into());
    let claims = vec![
        at(
            claim(
                0,
                1,
                "location",
                Some("2024-06"),
                "2024-06-10",
                Certainty::Reported,
            ),
            5,
            Relation::At,
        ),
        at(
            claim(
                1,
                1,
                "location",
                Some("2024-06-12"),
                "2024-06-12",
                Certainty::Hedged,
            ),
            6,
            Relation::At,
        ),
        at(
            claim(
                2,
                1,
                "location",
                Some("2024-08"),
                "2024-08-01",
                Certainty::Reported,
            ),
            6,
            Relation::At,
        ),
        count_a,
        count_b,
    ];
    let conflicts = find_conflicts(&claims, &group_events(&claims));
    let kinds: Vec<(&str, Vec<usize>)> = conflicts
        .iter()
        .map(|c| (c.kind, c.claims.clone()))
        .collect();
    assert_eq!(kinds, [("two-places", vec![0, 1]), ("counts", vec![3, 4])]);
}

#[test]
fn status_as_of_a_date() {
    let claims = vec![
        claim(
            0,
            1,
            "alive",
            Some("2024-02-14"),
            "2024-02-14",
            Certainty::Reported,
        ),
        claim(
            1,
            1,
            "death",
            Some("2024-05-05"),
            "2024-05-10",
            Certainty::Unconfirmed,
        ),
        claim(
            2,
            1,
            "alive",
            Some("2024-11"),
            "2024-11",
            Certainty::Confirmed,
        ),
    ];
    let conflicts = find_conflicts(&claims, &group_events(&claims));
    let march = status(&claims, &conflicts, 1, jiff::civil::date(2024, 3, 1));
    assert_eq!(march.known, [0]);
    assert!(march.conflicts.is_empty());
    let june = status(&claims, &conflicts, 1, jiff::civil::date(2024, 6, 1));
    assert_eq!(june.known, [0, 1]);
    assert_eq!(june.latest.get("death"), Some(&1));
    assert!(
        june.conflicts.is_empty(),
        "the later sign of life is not known yet"
    );
    let december = status(&claims, &conflicts, 1, jiff::civil::date(2024, 12, 31));
    assert_eq!(december.latest.get("alive"), Some(&2));
    assert_eq!(december.conflicts, [0]);
}
