//! The text summary: what a person wants to see first about a collection.

use kroniek_core::model::DateSource;
use kroniek_core::pipeline::Analysis;
use kroniek_core::report::{ClaimBrief, Report, StatusOut, TimelineOut};
use std::fmt::Write;

/// Shortens `s` to `n` characters with an ellipsis.
pub fn clip(s: &str, n: usize) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= n {
        flat
    } else {
        let mut out: String = flat.chars().take(n.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

/// The summary of `analyze --format text`.
pub fn summary(analysis: &Analysis, report: &Report) -> String {
    let mut out = String::new();
    let docs = &analysis.docs;
    let mut langs: Vec<(String, usize)> = Vec::new();
    for a in docs {
        let iso = a.text.language.iso().to_owned();
        match langs.iter_mut().find(|(l, _)| *l == iso) {
            Some((_, n)) => *n += 1,
            None => langs.push((iso, 1)),
        }
    }
    let dated: Vec<_> = docs.iter().filter_map(|a| a.published.value).collect();
    let span = match (dated.iter().min(), dated.iter().max()) {
        (Some(a), Some(b)) if a != b => format!(" · {a} → {b}"),
        (Some(a), _) => format!(" · {a}"),
        _ => String::new(),
    };
    let langs: Vec<String> = langs.iter().map(|(l, n)| format!("{l} {n}")).collect();
    let _ = writeln!(
        out,
        "Kroniek · {} article{} · {}{span}\n",
        docs.len(),
        if docs.len() == 1 { "" } else { "s" },
        langs.join(", ")
    );

    // Documents in the order they were published; undated ones last.
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by_key(|&i| {
        (
            docs[i].published.value.map(|d| d.earliest()),
            docs[i].published.value.is_none(),
            i,
        )
    });
    order.sort_by_key(|&i| docs[i].published.value.is_none());
    let id_width = docs
        .iter()
        .map(|a| a.doc.id.chars().count())
        .max()
        .unwrap_or(2)
        .clamp(2, 28);
    let _ = writeln!(
        out,
        "  {:<11} {:<16} {:<id_width$}  {:<4} First words",
        "Published", "Source", "Id", "Lang"
    );
    for &i in &order {
        let a = &docs[i];
        let p = &a.published;
        let (date, source) = match p.source {
            DateSource::Inferred => (
                p.value.map_or("?".to_owned(), |d| format!("~{d}")),
                format!("inferred {:.2}", p.confidence),
            ),
            DateSource::Unknown => ("unknown".to_owned(), "-".to_owned()),
            s => (
                p.value.map_or("?".to_owned(), |d| d.to_string()),
                format!("{s:?}").to_lowercase(),
            ),
        };
        let lead = a
            .doc
            .title
            .clone()
            .unwrap_or_else(|| a.doc.body_text().to_owned());
        let _ = writeln!(
            out,
            "  {date:<11} {source:<16} {:<id_width$}  {:<4} {}",
            clip(&a.doc.id, id_width),
            a.text.language.iso(),
            clip(&lead, 48)
        );
        if matches!(p.source, DateSource::Inferred | DateSource::Unknown) {
            for e in &p.evidence {
                let _ = writeln!(out, "  {:<11} └ {}", "", clip(e, 90));
            }
        }
    }

    let dups: Vec<_> = docs
        .iter()
        .filter_map(|a| a.duplicate_of.map(|d| (a, d)))
        .collect();
    if !dups.is_empty() {
        let _ = writeln!(out, "\nDuplicates (each counted once as evidence)");
        for (a, d) in dups {
            let _ = writeln!(
                out,
                "  {} repeats {} ({}, similarity {:.2})",
                a.doc.id,
                docs[d.of].doc.id,
                d.kind.name(),
                d.similarity
            );
        }
    }

    let _ = writeln!(
        out,
        "\nTime expressions {} · Entities {} · Claims {} · Events {} · Conflicts {}",
        report.timexes.len(),
        report.entities.len(),
        report.claims.len(),
        report.events.len(),
        report.conflicts.len()
    );
    let errors = analysis
        .diagnostics
        .iter()
        .filter(|d| d.severity == kroniek_core::diag::Severity::Error)
        .count();
    if errors > 0 {
        let _ = writeln!(
            out,
            "{errors} input{} could not be read (see the messages above).",
            if errors == 1 { "" } else { "s" }
        );
    }
    out
}

/// `--format` of the commands that print for people or programs.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum OutputFormat {
    /// JSON.
    Json,
    /// Text for people.
    Text,
}

fn describe(b: &ClaimBrief, subject: &str) -> String {
    let mut s = match (b.predicate.as_str(), b.relation.as_deref()) {
        ("location", Some("left")) => format!("{subject} left"),
        ("location", Some("not_at")) => format!("{subject} not at"),
        ("location", _) => format!("{subject} at"),
        ("death", _) => format!("{subject} dead"),
        ("alive", _) => format!("{subject} alive"),
        ("reward", _) => format!("reward for {subject}"),
        ("count", _) => format!("{subject} count"),
        ("leadership", _) => format!("{subject} leads"),
        ("capture", _) => format!("{subject} captured"),
        ("attack", _) => format!("attack by {subject}"),
        ("statement", _) => format!("{subject} said"),
        (p, _) => format!("{subject} {p}"),
    };
    if let Some(p) = &b.place {
        let prep = if b.predicate == "location" {
            " "
        } else {
            " in "
        };
        s.push_str(&format!("{prep}{p}"));
    }
    if let Some(o) = &b.object {
        s.push_str(&format!(": {}", clip(o, 60)));
    }
    s
}

fn report_line(b: &ClaimBrief) -> String {
    let who = b.source.clone().unwrap_or_else(|| "the article".to_owned());
    let said = b.said_on.clone().unwrap_or_else(|| "undated".to_owned());
    let cues = if b.cues.is_empty() {
        String::new()
    } else {
        format!(" («{}»)", b.cues.join("», «"))
    };
    let dup = if b.duplicate { ", a repeat" } else { "" };
    format!(
        "{} · {} ({}{dup}) · {}{cues}",
        said,
        clip(&who, 48),
        b.doc,
        b.certainty
    )
}

/// The text of `kroniek timeline`.
pub fn timeline(t: &TimelineOut) -> String {
    let mut out = String::new();
    let title = t.entity.as_ref().map_or("all entities".to_owned(), |e| {
        format!("{} ({})", e.name, e.kind)
    });
    let _ = writeln!(
        out,
        "Timeline · {title} · {} event{}\n",
        t.events.len(),
        if t.events.len() == 1 { "" } else { "s" }
    );
    for e in &t.events {
        let when = e.when.clone().unwrap_or_else(|| "undated".to_owned());
        let what = e.reports.first().map_or(e.predicate.clone(), |b| {
            let mut b = b.clone();
            b.place = e.place.clone();
            describe(&b, &e.subject_name)
        });
        let n = e.independent_documents;
        let _ = writeln!(
            out,
            "{when:<12} {} · {n} article{}",
            what,
            if n == 1 { "" } else { "s" }
        );
        for (k, b) in e.reports.iter().enumerate() {
            let branch = if k + 1 == e.reports.len() {
                "└"
            } else {
                "├"
            };
            let _ = writeln!(out, "{:<12} {branch} {}", "", report_line(b));
        }
    }
    if !t.conflicts.is_empty() {
        let _ = writeln!(out, "\nConflicts");
        for c in &t.conflicts {
            let _ = writeln!(out, "  ! {}", c.summary.as_deref().unwrap_or(""));
        }
    }
    out
}

/// The text of `kroniek status`.
pub fn status(s: &StatusOut) -> String {
    let mut out = String::new();
    let e = &s.entity;
    let _ = writeln!(out, "{} ({}) as of {}", e.name, e.kind, s.as_of);
    if !e.aliases.is_empty() {
        let _ = writeln!(out, "  also written: {}", e.aliases.join(", "));
    }
    let _ = writeln!(
        out,
        "  {} claim{} known by then; {} said later\n",
        s.known.len(),
        if s.known.len() == 1 { "" } else { "s" },
        s.later
    );
    if s.latest.is_empty() {
        let _ = writeln!(out, "  Nothing was claimed about {} by then.", e.name);
    } else {
        let _ = writeln!(out, "Latest per kind of claim");
        for (predicate, b) in &s.latest {
            let when = b.when.clone().unwrap_or_else(|| "undated".to_owned());
            let _ = writeln!(out, "  {predicate:<11} {when:<11} {}", describe(b, &e.name));
            let _ = writeln!(out, "  {:<11} {:<11} {}", "", "", report_line(b));
        }
    }
    if !s.conflicts.is_empty() {
        let _ = writeln!(out, "\nOpen conflicts");
        for c in &s.conflicts {
            let _ = writeln!(out, "  ! {}", c.summary.as_deref().unwrap_or(""));
        }
    }
    out
}
