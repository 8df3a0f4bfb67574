//! Comparing names: folding spelling variants to keys, from the data in `lang/common/names/`
//! and `lang/<iso>/entities/titles.txt`.

use super::EntityType;
use kroniek_lang::{Language, file_in, lines, list};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// The name-comparison resources.
#[derive(Debug)]
pub struct NameResources {
    articles: HashSet<String>,
    kinship: HashSet<String>,
    toponym_generics: HashSet<String>,
    folds: Vec<(String, String)>,
    titles_nl: HashSet<String>,
    titles_en: HashSet<String>,
    cues_nl: HashMap<String, (EntityType, f32)>,
    cues_en: HashMap<String, (EntityType, f32)>,
}

impl NameResources {
    fn load() -> NameResources {
        let common = |name: &str| -> Vec<String> {
            lines(file_in("common", &format!("names/{name}")).unwrap_or(""))
                .map(|l| l.text.to_lowercase())
                .collect()
        };
        let folds = lines(file_in("common", "names/folding.tsv").unwrap_or(""))
            .filter_map(|l| {
                let mut f = l.fields();
                Some((f.next()?.to_owned(), f.next()?.to_owned()))
            })
            .collect();
        let titles = |lang| {
            list(lang, "entities/titles.txt")
                .map(|l| l.text.to_lowercase())
                .collect()
        };
        let cues = |lang| {
            list(lang, "entities/type_cues.tsv")
                .filter_map(|l| {
                    let mut f = l.fields();
                    let word = f.next()?.to_lowercase();
                    let kind = EntityType::from_code(f.next()?)?;
                    let weight = f.next()?.parse().ok()?;
                    Some((word, (kind, weight)))
                })
                .collect()
        };
        NameResources {
            articles: common("articles.txt").into_iter().collect(),
            kinship: common("kinship.txt").into_iter().collect(),
            toponym_generics: common("toponym_generics.txt").into_iter().collect(),
            folds,
            titles_nl: titles(Language::Nl),
            titles_en: titles(Language::En),
            cues_nl: cues(Language::Nl),
            cues_en: cues(Language::En),
        }
    }

    /// The resources, loaded on first use.
    pub fn get() -> &'static NameResources {
        static R: LazyLock<NameResources> = LazyLock::new(NameResources::load);
        &R
    }

    fn is_title(&self, word: &str, lang: Language) -> bool {
        let w = word.to_lowercase();
        match lang {
            Language::Nl => self.titles_nl.contains(&w),
            Language::En => self.titles_en.contains(&w),
        }
    }

    /// The type a word right before a name votes for, and how strongly.
    pub fn type_cue(&self, word: &str, lang: Language) -> Option<(EntityType, f32)> {
        let w = word.to_lowercase();
        match lang {
            Language::Nl => self.cues_nl.get(&w).copied(),
            Language::En => self.cues_en.get(&w).copied(),
        }
    }

    /// The type a name's own first word votes for: a generic word for a kind of place
    /// (`Tell`, `Deir`, `Kafr`) at the start of a name of two or more words votes LOC.
    pub fn name_cue(&self, name: &str) -> Option<(EntityType, f32)> {
        let mut words = name.split_whitespace();
        let first = words.next()?.to_lowercase();
        words.next()?;
        self.toponym_generics
            .contains(&first)
            .then_some((EntityType::Loc, 2.0))
    }

    /// True for particles like `abu` or `bin` that do not identify anyone alone.
    pub fn is_kinship(&self, folded: &str) -> bool {
        self.kinship.contains(folded)
    }

    /// Lowercase, accent-free, folded and with doubled letters collapsed.
    pub fn fold(&self, word: &str) -> String {
        let mut s = deunicode::deunicode(&word.to_lowercase());
        s.retain(|c| c.is_ascii_alphanumeric());
        for (from, to) in &self.folds {
            if s.contains(from.as_str()) {
                s = s.replace(from.as_str(), to);
            }
        }
        let mut out = String::with_capacity(s.len());
        for c in s.chars() {
            if !out.ends_with(c) {
                out.push(c);
            }
        }
        out
    }

    /// The words of a name that identify it: titles in front dropped, articles (`al-`, `el`,
    /// `ad-`) dropped whether separate or hyphenated, each word folded. Empty for a name that
    /// is only a title or articles.
    pub fn words(&self, surface: &str, lang: Language) -> NameWords {
        let mut raw: Vec<&str> = surface
            .split(|c: char| c.is_whitespace())
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_empty())
            .collect();
        while raw.len() > 1 && self.is_title(raw[0], lang) {
            raw.remove(0);
        }
        let mut words = Vec::new();
        let mut assimilated = Vec::new();
        for w in raw {
            // A Dutch compound with a name as its first part names that: `Airbus-machines`,
            // `Air Force-medewerkers`, `IS-leider`.
            let w = match w.rsplit_once('-') {
                Some((head, tail))
                    if !head.is_empty()
                        && tail.chars().all(char::is_lowercase)
                        && tail.chars().count() >= 3
                        && head.chars().next().is_some_and(char::is_uppercase)
                        && !self.articles.contains(&head.to_lowercase()) =>
                {
                    head
                }
                _ => w,
            };
            // `al-Baghdadi`, `el-Zor`, `ad-Dawla`: the article goes.
            let w = match w.split_once(['-', '\'', '’']) {
                Some((head, rest))
                    if self.articles.contains(&head.to_lowercase()) && !rest.is_empty() =>
                {
                    rest
                }
                _ => w,
            };
            for part in w.split('-').filter(|p| !p.is_empty()) {
                let lower = part.to_lowercase();
                if self.articles.contains(&lower) {
                    continue;
                }
                let folded = self.fold(part);
                if folded.is_empty() {
                    continue;
                }
                // A fused, assimilated article: `Ezzor` for ez-Zor, `Arraqqa` for ar-Raqqa.
                let chars: Vec<char> = lower.chars().collect();
                let fused = chars.len() >= 5
                    && matches!(chars[0], 'a' | 'e' | 'u')
                    && chars[1] == chars[2]
                    && matches!(chars[1], 't' | 'd' | 'r' | 'z' | 's' | 'n');
                assimilated.push(fused.then(|| self.fold(&part[1 + chars[1].len_utf8()..])));
                words.push(folded);
            }
        }
        NameWords { words, assimilated }
    }
}

/// The identifying words of a name, folded.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NameWords {
    /// Folded words.
    pub words: Vec<String>,
    /// For each word, the word without a fused article, when it may have one.
    assimilated: Vec<Option<String>>,
}

impl NameWords {
    /// The keys two spellings of one name share at least one of: the folded words, and the same
    /// with fused articles removed.
    pub fn keys(&self) -> Vec<String> {
        let mut keys = vec![self.words.join(" ")];
        if self.assimilated.iter().any(Option::is_some) {
            let alt: Vec<&str> = self
                .words
                .iter()
                .zip(&self.assimilated)
                .map(|(w, a)| a.as_deref().unwrap_or(w))
                .collect();
            keys.push(alt.join(" "));
        }
        keys.retain(|k| !k.is_empty());
        keys
    }

    /// The last identifying word.
    pub fn last(&self) -> Option<&str> {
        self.words.last().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(s: &str) -> Vec<String> {
        NameResources::get().words(s, Language::Nl).keys()
    }

    fn same(a: &str, b: &str) -> bool {
        let ka = keys(a);
        keys(b).iter().any(|k| ka.contains(k))
    }

    #[test]
    fn place_generics_vote_loc_for_longer_names_only() {
        let r = NameResources::get();
        assert_eq!(r.name_cue("Tell Abyad"), Some((EntityType::Loc, 2.0)));
        assert_eq!(r.name_cue("Kafr Nabl"), Some((EntityType::Loc, 2.0)));
        assert_eq!(r.name_cue("Tell"), None);
        assert_eq!(r.name_cue("Abu Faysal"), None);
        assert_eq!(r.name_cue("Jan Peeters"), None);
    }

    #[test]
    fn spelling_families_meet() {
        for family in [
            &[
                "Abu Bakr al-Baghdadi",
                "Abu Bakr Al-Bagdadi",
                "Abu Bakr al-Bagdhadi",
                "Abou Bakr Al Baghdadi",
            ][..],
            &["Al-Baghdadi", "Bagdadi", "Al-Bagdhadi", "Baghdadi"],
            &["Deir Ezzor", "Deir el-Zor", "Deir ez-Zor"],
            &["Mosoel", "Mosul"],
            &["Nabil al-Ghazawi", "Nabil Al-Ghazzawi", "Nabil El-Ghazaoui"],
            &["Syrië", "Syrie"],
            &["Bashar al-Assad", "Bashar Assad"],
        ] {
            for pair in family.windows(2) {
                assert!(
                    same(pair[0], pair[1]),
                    "{} ~ {}: {:?} vs {:?}",
                    pair[0],
                    pair[1],
                    keys(pair[0]),
                    keys(pair[1])
                );
            }
        }
    }

    #[test]
    fn different_names_stay_apart() {
        for (a, b) in [
            ("Baghdadi", "Baghdad"),
            ("Abu Bakr al-Baghdadi", "Abu Mohammad al-Adnani"),
            ("Abu Bakr al-Baghdadi", "Abu Faysal"),
            ("Syrië", "Syrische"),
            ("Irak", "Iran"),
        ] {
            assert!(!same(a, b), "{a} must not meet {b}");
        }
    }

    #[test]
    fn titles_and_articles_are_not_name_words() {
        let r = NameResources::get();
        assert_eq!(
            r.words("generaal Rupert Jones", Language::Nl).words,
            ["rupert", "iones"]
        );
        assert_eq!(r.words("al-Qaida", Language::Nl).words, ["kaida"]);
        assert!(r.words("al", Language::Nl).words.is_empty());
    }
}
