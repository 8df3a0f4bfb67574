//! The text stage's language data, built once per language from `lang/<iso>/`.

use foldhash::{HashMap, HashSet};
use kroniek_lang::{Language, list};
use std::sync::LazyLock;

/// Abbreviations, boilerplate openers and stop words of one language.
#[derive(Debug, Default)]
pub struct TextResources {
    /// Lowercased abbreviation (with its final period) → whether it may also end a sentence.
    pub abbreviations: HashMap<String, bool>,
    /// Lowercased phrases that start page furniture.
    pub boilerplate: Vec<String>,
    /// Lowercased function words.
    pub stopwords: HashSet<String>,
}

impl TextResources {
    fn load(lang: Language) -> TextResources {
        let mut abbreviations = HashMap::default();
        for line in list(lang, "text/abbreviations.txt") {
            let (word, may_end) = match line.text.split_once('|') {
                Some((w, flag)) => (w, flag.trim() == "end"),
                None => (line.text, false),
            };
            abbreviations.insert(word.trim().to_lowercase(), may_end);
        }
        TextResources {
            abbreviations,
            boilerplate: list(lang, "text/boilerplate.txt")
                .map(|l| l.text.to_lowercase())
                .collect(),
            stopwords: list(lang, "stopwords.txt")
                .map(|l| l.text.to_lowercase())
                .collect(),
        }
    }

    /// The resources of `lang`, loaded on first use.
    pub fn get(lang: Language) -> &'static TextResources {
        static NL: LazyLock<TextResources> = LazyLock::new(|| TextResources::load(Language::Nl));
        static EN: LazyLock<TextResources> = LazyLock::new(|| TextResources::load(Language::En));
        match lang {
            Language::Nl => &NL,
            Language::En => &EN,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_resources_load() {
        let r = TextResources::get(Language::Nl);
        assert_eq!(r.abbreviations.get("o.a."), Some(&false));
        assert_eq!(r.abbreviations.get("enz."), Some(&true));
        assert!(r.stopwords.contains("het"));
        assert!(r.boilerplate.iter().any(|b| b == "lees ook"));
    }
}
