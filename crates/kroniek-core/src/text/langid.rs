//! Language identification: lingua's n-gram models for the supported languages, with the
//! input's declared language as a tie-breaker.

use kroniek_lang::Language;
use lingua::{LanguageDetector, LanguageDetectorBuilder};
use std::sync::LazyLock;

static DETECTOR: LazyLock<LanguageDetector> = LazyLock::new(|| {
    LanguageDetectorBuilder::from_languages(&[lingua::Language::Dutch, lingua::Language::English])
        .build()
});

/// How much text is looked at: enough for a confident answer, bounded for long inputs.
const SAMPLE_BYTES: usize = 1000;

/// The language of `text`, with a confidence in 0..1. `declared` wins when the text is too short
/// or too mixed to tell; `fallback` is used when there is nothing to go on.
pub fn identify(text: &str, declared: Option<Language>, fallback: Language) -> (Language, f32) {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    if sample.chars().filter(|c| c.is_alphabetic()).count() < 3 {
        return (declared.unwrap_or(fallback), 0.0);
    }
    let scores = DETECTOR.compute_language_confidence_values(sample);
    let Some(&(best, confidence)) = scores.first() else {
        return (declared.unwrap_or(fallback), 0.0);
    };
    let detected = match best {
        lingua::Language::Dutch => Language::Nl,
        _ => Language::En,
    };
    let confidence = confidence as f32;
    match declared {
        Some(d) if d != detected && confidence < 0.9 => (d, 1.0 - confidence),
        _ => (detected, confidence),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_and_english() {
        assert_eq!(
            identify(
                "De minister zei vrijdag dat hij dood is.",
                None,
                Language::En
            )
            .0,
            Language::Nl
        );
        assert_eq!(
            identify(
                "The minister said on Friday that he was killed.",
                None,
                Language::Nl
            )
            .0,
            Language::En
        );
        assert_eq!(
            identify("…", Some(Language::En), Language::Nl),
            (Language::En, 0.0)
        );
    }
}
