//! `kroniek eval ...`: measure a stage on real annotated data. Figures are printed; `--json`
//! prints them as JSON for the committed reports under `eval/reports/`.

use crate::Outcome;
use anyhow::Context;
use clap::Subcommand;
use std::path::PathBuf;

/// Arguments of `eval`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    which: Which,

    /// Print the scores as JSON.
    #[arg(long, global = true)]
    json: bool,
}

#[derive(Debug, Subcommand)]
enum Which {
    /// English attribution on PolNeAR: source and cue span F1 (exact and overlapping).
    Attribution {
        /// The split folder (default: polnear/data/dev in the data folder; develop on train).
        #[arg(long)]
        polnear: Option<PathBuf>,
    },
    /// Event factuality on MEANTIME English: certainty and polarity accuracy.
    Factuality {
        /// The folder of MEANTIME English XML (default: meantime_en in the data folder).
        #[arg(long)]
        meantime: Option<PathBuf>,
    },
    /// Cross-document entity merging: MEANTIME Dutch gold proper-name mentions, each topic one
    /// collection, B-cubed against the gold chains.
    Coref {
        /// The MEANTIME Dutch folder (default: meantime_nl in the data folder).
        #[arg(long)]
        meantime: Option<PathBuf>,
    },
    /// Time expressions on Duckling's Dutch cases: each phrase alone, "now" Tuesday 2013-02-12
    /// 04:30, future bias; the share found with exactly Duckling's value.
    Duckling {
        /// The cases (default: duckling_nl/duckling_time_nl.jsonl in the data folder).
        #[arg(long)]
        file: Option<PathBuf>,
        /// Print every case that is not exact.
        #[arg(long)]
        misses: bool,
    },
    /// Time expressions on MEANTIME Dutch: per sentence, the values found against the gold
    /// values projected from the English original.
    MeantimeTimex {
        /// The sentences (default: meantime_nl/timex_projected.jsonl in the data folder).
        #[arg(long)]
        file: Option<PathBuf>,
        /// Print every sentence where found and gold differ.
        #[arg(long)]
        misses: bool,
    },
    /// Time expressions on TempEval-3 English TimeML, scored here (span overlap, value and
    /// type); eval/tempeval3.sh runs the official scorer.
    Tempeval {
        /// A folder of gold TimeML files (default: TempEval-3 TimeBank+AQUAINT).
        #[arg(long)]
        gold: Option<PathBuf>,
        /// Print every difference.
        #[arg(long)]
        misses: bool,
    },
    /// Speed of the time stage on one thread: alone, and with the text stage, on documents
    /// separated by `### id` lines (default: dutch_news/throughput_nl.txt in the data folder).
    Speed {
        /// The text.
        #[arg(long)]
        file: Option<PathBuf>,
        /// Runs; the best is reported.
        #[arg(long, default_value_t = 5)]
        runs: usize,
    },
    /// Writes TempEval-3 input files (`X.tml.TE3input`: DCT kept, tags in TEXT removed) made
    /// from gold TimeML files, for the official scorer.
    Te3input {
        /// Folder of gold `.tml` files (searched recursively).
        gold: PathBuf,
        /// Where to write the input files.
        out: PathBuf,
    },
    /// Publication-date inference: hide each TempEval-3 document's date, infer it from the text
    /// alone, compare.
    Pubdate {
        /// A folder of TimeML files (default: TempEval-3 TimeBank+AQUAINT in the data folder).
        #[arg(long)]
        tempeval: Option<PathBuf>,
        /// Instead, leave one out within each MEANTIME Dutch topic (a collection about one story):
        /// this folder (e.g. ../shared/data/meantime_nl).
        #[arg(long, conflicts_with = "tempeval")]
        meantime: Option<PathBuf>,
        /// With --meantime: remove each article's dateline first, so the date must come from
        /// the text and the other articles.
        #[arg(long, requires = "meantime")]
        without_dateline: bool,
    },
    /// Named entities: tag a CoNLL file and score exact spans per type (as conlleval).
    Ner {
        /// A CoNLL file with gold tags in the last column (default: CoNLL-2002 ned.testa), or a
        /// folder of MEANTIME XML articles.
        #[arg(long, value_name = "FILE")]
        conll: Option<PathBuf>,
        /// The language of the text.
        #[arg(long, value_enum, default_value_t = super::LangArg::Nl)]
        lang: super::LangArg,
        /// Use this model file instead of the built-in one.
        #[arg(long, value_name = "FILE")]
        model: Option<PathBuf>,
    },
}

/// Runs `eval`.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    match args.which {
        Which::Attribution { polnear } => {
            let dir = match polnear {
                Some(d) => d,
                None => kroniek_eval::data_path("polnear/data/dev")?,
            };
            let s = kroniek_eval::polnear::evaluate(&dir)?;
            if args.json {
                super::print(&format!("{}\n", serde_json::to_string_pretty(&s)?))?;
            } else {
                let line = |name: &str, p: &kroniek_eval::Prf| {
                    format!(
                        "    {name:<8} P {:.3}  R {:.3}  F1 {:.3}  (tp {} fp {} fn {})\n",
                        p.precision(),
                        p.recall(),
                        p.f1(),
                        p.tp,
                        p.fp,
                        p.fn_
                    )
                };
                let mut out = format!(
                    "attribution spans, PolNeAR ({} documents, {})\n",
                    s.documents,
                    dir.display()
                );
                for (what, sc) in [("source", &s.source), ("cue", &s.cue)] {
                    out.push_str(&format!("  {what}\n"));
                    out.push_str(&line("exact", &sc.exact));
                    out.push_str(&line("overlap", &sc.overlap));
                }
                super::print(&out)?;
            }
        }
        Which::Factuality { meantime } => {
            let dir = match meantime {
                Some(d) => d,
                None => kroniek_eval::data_path("meantime_en")?,
            };
            let s = kroniek_eval::factuality::evaluate(&dir)?;
            if args.json {
                super::print(&format!("{}\n", serde_json::to_string_pretty(&s)?))?;
            } else {
                let mut out = format!(
                    "event factuality, MEANTIME English ({} documents)\n",
                    s.documents
                );
                for (what, c) in [("certainty", &s.certainty), ("polarity", &s.polarity)] {
                    out.push_str(&format!(
                        "  {what:<10} accuracy {:.3} over {} events (majority baseline {:.3})\n",
                        c.accuracy(),
                        c.total,
                        c.majority_baseline
                    ));
                    for (label, r) in &c.recall {
                        out.push_str(&format!("    recall of {label:<9} {r:.3}\n"));
                    }
                }
                super::print(&out)?;
            }
        }
        Which::Coref { meantime } => {
            let dir = match meantime {
                Some(d) => d,
                None => kroniek_eval::data_path("meantime_nl")?,
            };
            let topics = kroniek_eval::coref::read_topics(&dir)?;
            let scores = kroniek_eval::coref::evaluate(&topics);
            if args.json {
                super::print(&format!("{}\n", serde_json::to_string_pretty(&scores)?))?;
            } else {
                let mut out = String::from(
                    "B-cubed of merged proper-name mentions (MEANTIME Dutch, gold mentions)\n",
                );
                for s in &scores {
                    out.push_str(&format!(
                        "  {} ({} documents, {} mentions, {} chains)\n    kroniek       P {:.3}  R {:.3}  F1 {:.3}\n    exact string  P {:.3}  R {:.3}  F1 {:.3}\n    singletons    P {:.3}  R {:.3}  F1 {:.3}\n",
                        s.topic, s.documents, s.mentions, s.chains,
                        s.kroniek.precision, s.kroniek.recall, s.kroniek.f1,
                        s.exact_string.precision, s.exact_string.recall, s.exact_string.f1,
                        s.singletons.precision, s.singletons.recall, s.singletons.f1,
                    ));
                }
                super::print(&out)?;
            }
        }
        Which::Duckling { file, misses } => {
            let path = match file {
                Some(f) => f,
                None => kroniek_eval::data_path("duckling_nl/duckling_time_nl.jsonl")?,
            };
            let s = kroniek_eval::duckling::evaluate(&path)?;
            if args.json {
                super::print(&format!("{}\n", serde_json::to_string_pretty(&s)?))?;
            } else {
                let mut out = String::new();
                if misses {
                    for r in s.results.iter().filter(|r| !r.exact) {
                        out.push_str(&format!(
                            "MISS {:?} [{}] want {} got {}\n",
                            r.text,
                            r.kind,
                            r.expected,
                            r.found.join("; ")
                        ));
                    }
                }
                out.push_str(&format!(
                    "Duckling Dutch time cases ({}): {} of {} exact = {:.1}%\n",
                    path.display(),
                    s.exact,
                    s.cases,
                    100.0 * s.accuracy()
                ));
                super::print(&out)?;
            }
        }
        Which::MeantimeTimex { file, misses } => {
            let path = match file {
                Some(f) => f,
                None => kroniek_eval::data_path("meantime_nl/timex_projected.jsonl")?,
            };
            let s = kroniek_eval::meantime::evaluate(&path)?;
            if args.json {
                super::print(&format!("{}\n", serde_json::to_string_pretty(&s)?))?;
            } else {
                let mut out = String::new();
                if misses {
                    for m in &s.misses {
                        out.push_str(&format!(
                            "{}: {}\n    missed {:?} spurious {:?}\n",
                            m.doc, m.sentence, m.missed, m.spurious
                        ));
                    }
                }
                let v = &s.values;
                out.push_str(&format!(
                    "MEANTIME Dutch time values ({}): {} documents, {} sentences (the first {} of each, the annotated part)\n  tp {} fp {} fn {}  P {:.3} R {:.3} F1 {:.3}\n",
                    path.display(),
                    s.documents,
                    s.sentences,
                    s.annotated_sentences,
                    v.tp,
                    v.fp,
                    v.fn_,
                    v.precision(),
                    v.recall(),
                    v.f1()
                ));
                super::print(&out)?;
            }
        }
        Which::Tempeval { gold, misses } => {
            let dir = match gold {
                Some(d) => d,
                None => kroniek_eval::data_path("tempeval3/Training/TBAQ-cleaned")?,
            };
            let docs = kroniek_eval::timeml::read_dir(&dir)
                .with_context(|| format!("reading {}", dir.display()))?;
            let s = kroniek_eval::tempeval::evaluate(&docs, &Default::default());
            if args.json {
                super::print(&format!("{}\n", serde_json::to_string_pretty(&s)?))?;
            } else {
                let mut out = String::new();
                if misses {
                    for (rule, [found, matched, right]) in &s.rules {
                        out.push_str(&format!(
                            "RULE {rule}: found {found}, matched {matched}, right value {right}\n"
                        ));
                    }
                    for d in &s.diffs {
                        out.push_str(&format!(
                            "{} [{}] gold {:?} found {:?}\n",
                            d.doc, d.dct, d.gold, d.found
                        ));
                    }
                }
                out.push_str(&format!(
                    "TempEval-3 time expressions ({}, {} documents; quick scorer)\n  strict  P {:.3} R {:.3} F1 {:.3}\n  relaxed P {:.3} R {:.3} F1 {:.3}\n  value F1 {:.3}  type F1 {:.3}\n",
                    dir.display(),
                    s.documents,
                    s.strict.precision(),
                    s.strict.recall(),
                    s.strict.f1(),
                    s.relaxed.precision(),
                    s.relaxed.recall(),
                    s.relaxed.f1(),
                    s.value_f1(),
                    s.type_f1()
                ));
                super::print(&out)?;
            }
        }
        Which::Speed { file, runs } => {
            let path = match file {
                Some(f) => f,
                None => kroniek_eval::data_path("dutch_news/throughput_nl.txt")?,
            };
            let s = kroniek_eval::speed::measure(&path, runs)?;
            if args.json {
                super::print(&format!("{}\n", serde_json::to_string_pretty(&s)?))?;
            } else {
                super::print(&format!(
                    "{} documents, {} bytes, {} time expressions (one thread, best of {runs})\n  time stage alone:      {:6.2} MB/s\n  text and time stages:  {:6.2} MB/s\n",
                    s.documents, s.bytes, s.timexes, s.time_mb_s, s.text_and_time_mb_s
                ))?;
            }
        }
        Which::Te3input { gold, out } => {
            let docs = kroniek_eval::timeml::read_dir(&gold)
                .with_context(|| format!("reading {}", gold.display()))?;
            std::fs::create_dir_all(&out).with_context(|| format!("creating {}", out.display()))?;
            for d in &docs {
                let src = std::fs::read_to_string(&d.path)
                    .with_context(|| format!("reading {}", d.path.display()))?;
                let input = kroniek_eval::tempeval::make_input(&src)
                    .with_context(|| format!("{} has no TEXT", d.path.display()))?;
                let target = out.join(format!("{}.tml.TE3input", d.id));
                std::fs::write(&target, input)
                    .with_context(|| format!("writing {}", target.display()))?;
            }
            super::print(&format!(
                "{} input files in {}\n",
                docs.len(),
                out.display()
            ))?;
        }
        Which::Pubdate {
            tempeval,
            meantime,
            without_dateline,
        } => {
            let (dir, s) = match meantime {
                Some(dir) => {
                    let topics = kroniek_eval::coref::read_topics(&dir)?;
                    let dates = kroniek_eval::coref::creation_dates(&dir)?;
                    let collections: Vec<Vec<(String, String, kroniek_core::PartialDate)>> = topics
                        .iter()
                        .map(|t| {
                            t.docs
                                .iter()
                                .filter_map(|d| {
                                    Some((d.key.clone(), d.text.clone(), *dates.get(&d.key)?))
                                })
                                .collect()
                        })
                        .collect();
                    let s = kroniek_eval::pubdate::evaluate_collections(
                        &collections,
                        kroniek_core::Language::Nl,
                        without_dateline,
                    );
                    (dir, s)
                }
                None => {
                    let dir = match tempeval {
                        Some(d) => d,
                        None => kroniek_eval::data_path("tempeval3/Training/TBAQ-cleaned")?,
                    };
                    let docs = kroniek_eval::timeml::read_dir(&dir)
                        .with_context(|| format!("reading {}", dir.display()))?;
                    let s = kroniek_eval::pubdate::evaluate(&docs, kroniek_core::Language::En);
                    (dir, s)
                }
            };
            if args.json {
                super::print(&format!("{}\n", serde_json::to_string_pretty(&s)?))?;
            } else {
                let pct = |n: usize, of: usize| 100.0 * n as f64 / of.max(1) as f64;
                super::print(&format!(
                    "publication dates inferred ({} documents, {})\n  given a date:          {:5.1}% ({})\n  of those dated:\n    interval holds truth: {:5.1}%\n    within a month:       {:5.1}%\n    right year:           {:5.1}%\n",
                    s.documents,
                    dir.display(),
                    pct(s.dated, s.documents),
                    s.dated,
                    pct(s.contains_truth, s.dated),
                    pct(s.within_month, s.dated),
                    pct(s.right_year, s.dated)
                ))?;
            }
        }
        Which::Ner { conll, lang, model } => {
            let path = match conll {
                Some(p) => p,
                None => kroniek_eval::data_path("conll2002/ned.testa")?,
            };
            let text = kroniek_eval::meantime_entities::conll_text(&path)
                .with_context(|| format!("reading {}", path.display()))?;
            let data = kroniek_eval::ner::parse(&text);
            let bytes = super::tag::model_bytes(model.as_deref(), lang)?;
            let tagger = kroniek_core::entities::ner::Tagger::new(
                &bytes,
                kroniek_core::entities::ner::Resources::for_language(lang.language()),
            )
            .context("loading the NER model")?;
            let s = data.score(&data.tag(&tagger));
            if args.json {
                super::print(&format!("{}\n", serde_json::to_string_pretty(&s)?))?;
            } else {
                super::print(&format!("{}\n{}", path.display(), s.table()))?;
            }
        }
    }
    Ok(Outcome::Ok)
}
