//! The analysis settings a story is kept with. They are stored in the database so that every
//! command reading it (timeline, status, serve) analyses the articles the way they were ingested.

use kroniek_core::Language;
use kroniek_core::pipeline::Config;
use kroniek_core::time::TenseBias;
use serde::{Deserialize, Serialize};

/// How bare weekdays and months are resolved (`--tense-bias`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Bias {
    /// The latest one on or before the publication date.
    Past,
    /// The next one on or after it.
    Future,
    /// From the tense of the clause.
    #[default]
    Auto,
}

/// Settings of a story's analysis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// `--tense-bias`.
    pub tense_bias: Bias,
    /// `--default-language`: the language assumed when an article gives no clue.
    pub default_language: Language,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            tense_bias: Bias::Auto,
            default_language: Language::Nl,
        }
    }
}

impl Settings {
    /// The pipeline configuration.
    pub fn config(&self) -> Config {
        let mut config = Config::default();
        config.time.tense_bias = match self.tense_bias {
            Bias::Past => TenseBias::Past,
            Bias::Future => TenseBias::Future,
            Bias::Auto => TenseBias::Auto,
        };
        config.default_language = self.default_language;
        config
    }

    /// What a per-article preparation depends on besides the document: the analysis version
    /// and the default language. A stored article prepared with another key is prepared again.
    pub fn prepare_key(&self) -> String {
        format!(
            "{}|{}",
            kroniek_core::pipeline::analysis_version(),
            self.default_language.iso()
        )
    }

    /// As stored.
    pub(crate) fn to_json(self) -> String {
        serde_json::to_string(&self).unwrap_or_default()
    }
}
