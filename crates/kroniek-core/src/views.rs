//! Views of an analysis that the CLI, the HTTP API and the web page share: entity lookup, the
//! timeline, and an entity's status as of a date.

use crate::entities::NameResources;
use crate::model::Language;
use crate::pipeline::{Analysis, claim_id, entity_id};
use crate::report::{
    ClaimBrief, ConflictOut, EntitySummary, StatusOut, TimelineEvent, TimelineOut,
};
use crate::timeline;
use jiff::civil::Date;

impl Analysis {
    /// Entities whose name or an alias matches `query`: the same name up to spelling variants,
    /// else containing it (case- and accent-insensitive). Best matches first.
    pub fn find_entities(&self, query: &str) -> Vec<usize> {
        let res = NameResources::get();
        let q = res.words(query, Language::Nl).keys();
        let plain = |s: &str| deunicode::deunicode(&s.to_lowercase());
        let pq = plain(query.trim());
        let names =
            |i: usize| std::iter::once(&self.entities[i].name).chain(&self.entities[i].aliases);
        let exact: Vec<usize> = (0..self.entities.len())
            .filter(|&i| {
                names(i).any(|n| {
                    res.words(n, Language::Nl)
                        .keys()
                        .iter()
                        .any(|k| q.contains(k))
                })
            })
            .collect();
        let mut found = if exact.is_empty() {
            (0..self.entities.len())
                .filter(|&i| !pq.is_empty() && names(i).any(|n| plain(n).contains(&pq)))
                .collect()
        } else {
            exact
        };
        found.sort_by_key(|&i| std::cmp::Reverse(self.entities[i].mentions.len()));
        found
    }

    /// An entity in brief.
    pub fn entity_summary(&self, e: usize) -> EntitySummary {
        let entity = &self.entities[e];
        EntitySummary {
            id: entity_id(e),
            name: entity.name.clone(),
            kind: entity.kind.code().to_owned(),
            aliases: entity.aliases.clone(),
            mentions: entity.mentions.len(),
        }
    }

    /// A claim in brief.
    pub fn claim_brief_out(&self, i: usize) -> ClaimBrief {
        let p = &self.claims[i];
        let c = &p.claim;
        let a = &self.docs[p.doc];
        let name = |e: usize| self.entities[e].name.clone();
        ClaimBrief {
            id: claim_id(i),
            doc: a.doc.id.clone(),
            predicate: c.predicate.clone(),
            relation: c.relation.map(|r| r.name().to_owned()),
            place: p.place.map(name),
            object: p.object.map(name).or_else(|| c.value.clone()),
            when: c.when.as_ref().map(|w| w.value.clone()),
            said_on: c.said_on.as_ref().map(|w| w.value.clone()),
            source: c
                .source
                .as_ref()
                .map(|s| s.span.slice(&a.doc.text).to_owned()),
            source_entity: p.source.map(entity_id),
            certainty: c.certainty.name().to_owned(),
            cues: c.cues.clone(),
            text: c.span.slice(&a.doc.text).to_owned(),
            duplicate: p.duplicate,
        }
    }

    fn conflict_out(&self, k: usize) -> ConflictOut {
        let c = &self.conflicts[k];
        ConflictOut {
            subject: entity_id(c.subject),
            claims: c.claims.iter().map(|&i| claim_id(i)).collect(),
            summary: Some(self.conflict_summary(c)),
            kind: Some(c.kind.to_owned()),
        }
    }

    /// The timeline: events in the order they happened (undated last), each with its reports in
    /// the order they were said. `entity` restricts it to events about that entity.
    pub fn timeline(&self, entity: Option<usize>) -> TimelineOut {
        let mut order: Vec<usize> = (0..self.events.len())
            .filter(|&k| entity.is_none_or(|x| x == self.events[k].subject))
            .collect();
        order.sort_by_key(|&k| {
            let when = self.events[k].when.as_ref().and_then(|w| w.earliest);
            (when.is_none(), when, k)
        });
        let events = order
            .into_iter()
            .map(|k| {
                let e = &self.events[k];
                let mut reports: Vec<usize> = e.claims.clone();
                reports.sort_by_key(|&i| (self.claims[i].said_earliest(), self.claims[i].doc));
                TimelineEvent {
                    id: format!("v{}", k + 1),
                    when: e.when.as_ref().map(|w| w.value.clone()),
                    predicate: e.predicate.clone(),
                    subject: entity_id(e.subject),
                    subject_name: self.entities[e.subject].name.clone(),
                    place: e.place.map(|p| self.entities[p].name.clone()),
                    independent_documents: e.independent_documents,
                    reports: reports
                        .into_iter()
                        .map(|i| self.claim_brief_out(i))
                        .collect(),
                }
            })
            .collect();
        let conflicts = (0..self.conflicts.len())
            .filter(|&k| entity.is_none_or(|x| self.conflicts[k].subject == x))
            .map(|k| self.conflict_out(k))
            .collect();
        TimelineOut {
            entity: entity.map(|e| self.entity_summary(e)),
            events,
            conflicts,
        }
    }

    /// What the collection held about `entity` as of `as_of`.
    pub fn status(&self, entity: usize, as_of: Date) -> StatusOut {
        let s = timeline::status(&self.claims, &self.conflicts, entity, as_of);
        let total = self.claims.iter().filter(|c| c.subject == entity).count();
        StatusOut {
            entity: self.entity_summary(entity),
            as_of: as_of.to_string(),
            later: total - s.known.len(),
            known: s.known.iter().map(|&i| self.claim_brief_out(i)).collect(),
            latest: s
                .latest
                .into_iter()
                .map(|(p, i)| (p, self.claim_brief_out(i)))
                .collect(),
            conflicts: s
                .conflicts
                .into_iter()
                .map(|k| self.conflict_out(k))
                .collect(),
        }
    }
}
