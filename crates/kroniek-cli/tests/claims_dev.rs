//! The claims a careful reader finds in the three dev articles: deaths with their dates and
//! sources, locations, the reward; events across articles; conflicts.

mod common;

use common::{analyze, dev_corpus};
use kroniek_core::report::{ClaimOut, Report};

fn entity<'a>(r: &'a Report, name: &str) -> &'a str {
    &r.entities
        .iter()
        .find(|e| e.name == name || e.aliases.iter().any(|a| a == name))
        .unwrap_or_else(|| {
            panic!(
                "no entity {name}: {:?}",
                r.entities.iter().map(|e| &e.name).collect::<Vec<_>>()
            )
        })
        .id
}

fn claims<'a>(r: &'a Report, subject: &str, predicate: &str) -> Vec<&'a ClaimOut> {
    let id = entity(r, subject);
    r.claims
        .iter()
        .filter(|c| c.subject == id && c.predicate == predicate)
        .collect()
}

fn source(c: &ClaimOut) -> &str {
    c.source.as_ref().map_or("", |s| s.text.as_str())
}

#[test]
fn deaths_locations_reward_events_and_conflicts() {
    let Some(dev) = dev_corpus() else { return };
    let (r, code, _) = analyze([&dev]);
    assert_eq!(code, 0);

    // One person for every spelling of the leader's name.
    let leader = entity(&r, "Abu Bakr al-Baghdadi");
    for spelling in [
        "Al-Bagdhadi",
        "Al-Bagdadi",
        "Bagdadi",
        "Abu Bakr al-Bagdadi",
    ] {
        assert_eq!(entity(&r, spelling), leader, "{spelling}");
    }

    // The death reported by the Russian statement, on 28 May, not confirmed.
    let deaths = claims(&r, "Abu Bakr al-Baghdadi", "death");
    let russian = deaths
        .iter()
        .find(|c| source(c) == "de Russische verklaring")
        .expect("the Russian statement's death claim");
    assert_eq!(russian.when.as_deref(), Some("2017-05-28"));
    assert_eq!(russian.certainty, "unconfirmed");
    assert_eq!(russian.cue.as_ref().map(|c| c.text.as_str()), Some("meldt"));
    // "Bagdadi zou dus dood zijn, maar de informatie moet nog wel gecheckt worden."
    let hedged = deaths
        .iter()
        .find(|c| c.cues.iter().any(|x| x == "moet nog wel gecheckt worden"))
        .expect("the article's own hedge");
    assert_eq!(hedged.certainty, "unconfirmed");
    assert!(hedged.cues.iter().any(|x| x == "zou"));
    // "aan Amerikaanse kant kan niet bevestigd worden dat de IS-leider ... is uitgeschakeld"
    let american = deaths
        .iter()
        .find(|c| source(c) == "Amerikaanse kant")
        .expect("the American side");
    assert_eq!(american.certainty, "unconfirmed");
    // Abu Faysal and his deputy, killed on 1 December according to the Americans.
    for who in ["Abu Faysal", "Abu Quadamah al-Iraqi"] {
        let d = claims(&r, who, "death");
        assert_eq!(d.len(), 1, "{who}");
        assert_eq!(
            (d[0].when.as_deref(), source(d[0]), d[0].certainty.as_str()),
            (Some("2017-12-01"), "de Amerikanen", "hedged"),
            "{who}"
        );
    }
    // Never a death for the wrong person.
    assert!(claims(&r, "Rami Abdulrahman", "death").is_empty());

    // Locations: left Mosul in March; in Deir Ezzor, not in Raqqa in June.
    let places = claims(&r, "Abu Bakr al-Baghdadi", "location");
    let mosul = entity(&r, "Mosoel");
    assert!(
        places
            .iter()
            .any(|c| c.relation.as_deref() == Some("left") && c.place.as_deref() == Some(mosul)),
        "left Mosul"
    );
    let deir = entity(&r, "Deir Ezzor");
    let raqqa = entity(&r, "Raqqa");
    let at_deir: Vec<_> = places
        .iter()
        .filter(|c| c.relation.as_deref() == Some("at") && c.place.as_deref() == Some(deir))
        .collect();
    assert!(
        at_deir
            .iter()
            .any(|c| source(c) == "sommige berichten" && c.certainty == "hedged")
    );
    assert!(
        at_deir
            .iter()
            .any(|c| source(c).starts_with("Rami Abdulrahman") && c.certainty == "reported")
    );
    assert!(
        places
            .iter()
            .any(|c| c.relation.as_deref() == Some("not_at") && c.place.as_deref() == Some(raqqa))
    );

    // The reward, in two articles: one event.
    let rewards = claims(&r, "Abu Bakr al-Baghdadi", "reward");
    assert!(
        rewards.iter().all(
            |c| c.object.as_ref().and_then(|o| o.value.as_deref()) == Some("25 miljoen dollar")
        )
    );
    let docs: std::collections::BTreeSet<&str> = rewards.iter().map(|c| c.doc.as_str()).collect();
    assert_eq!(docs.len(), 2);
    let reward_events: Vec<_> = r
        .events
        .iter()
        .filter(|e| e.predicate == "reward" && e.subject == leader)
        .collect();
    assert_eq!(reward_events.len(), 1);
    assert_eq!(reward_events[0].claims.len(), 2);

    // The death claims of article 002 form one event on 28 May.
    let death_events: Vec<_> = r
        .events
        .iter()
        .filter(|e| e.predicate == "death" && e.subject == leader)
        .collect();
    assert_eq!(death_events.len(), 1);
    assert_eq!(death_events[0].when.as_deref(), Some("2017-05-28"));

    // Alive in March (an American defence official), and still hunted in December.
    let alive = claims(&r, "Abu Bakr al-Baghdadi", "alive");
    assert!(alive.iter().any(|c| c.doc.starts_with("000")
        && source(c) == "een Amerikaanse verantwoordelijke van Defensie"));
    assert!(alive.iter().any(|c| c.doc.starts_with("004")));

    // The conflict: the claimed death on 28 May against later signs of life.
    let conflict = r
        .conflicts
        .iter()
        .find(|c| c.subject == leader && c.kind.as_deref() == Some("alive-after-death"))
        .expect("a conflict between the death and a later report of life");
    let by_id = |id: &str| r.claims.iter().find(|c| c.id == id).expect("claim");
    let predicates: std::collections::BTreeSet<&str> = conflict
        .claims
        .iter()
        .map(|id| by_id(id).predicate.as_str())
        .collect();
    assert!(
        predicates.contains("death") && predicates.contains("alive"),
        "{predicates:?}"
    );
    assert!(
        conflict
            .claims
            .iter()
            .any(|id| by_id(id).doc.starts_with("004")),
        "the December report"
    );
}

#[test]
fn the_same_death_in_several_articles_is_one_event() {
    let (r, _, _) = analyze(["examples"]);
    let who = entity(&r, "Nabil al-Ghazawi");
    let deaths: Vec<_> = r
        .events
        .iter()
        .filter(|e| e.predicate == "death" && e.subject == who)
        .collect();
    assert_eq!(deaths.len(), 1, "{deaths:?}");
    let e = deaths[0];
    assert_eq!(e.when.as_deref(), Some("2024-05-05"));
    let docs: std::collections::BTreeSet<&str> = e
        .claims
        .iter()
        .map(|id| {
            r.claims
                .iter()
                .find(|c| &c.id == id)
                .expect("claim")
                .doc
                .as_str()
        })
        .collect();
    assert!(docs.len() >= 3, "{docs:?}");
    // The syndicated copy is in the event but not counted as independent evidence.
    assert!(docs.contains("wire-2024-05-11"));
    assert_eq!(e.independent_documents, Some(docs.len() - 1));
    // A denial of the death conflicts with it.
    assert!(
        r.conflicts
            .iter()
            .any(|c| c.subject == who && c.kind.as_deref() == Some("denied"))
    );
}
