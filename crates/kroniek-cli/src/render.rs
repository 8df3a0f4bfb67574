//! The text summary: what a person wants to see first about a collection.

use kroniek_core::model::DateSource;
use kroniek_core::pipeline::Analysis;
use kroniek_core::report::Report;
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
