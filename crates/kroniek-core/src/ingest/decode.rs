//! Bytes to UTF-8: BOMs, UTF-16, Windows-1252 archives, and refusing binary data.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// Text decoded from bytes, with what decoding noticed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, BOM removed.
    pub text: String,
    /// The encoding it was decoded from.
    pub encoding: &'static str,
    /// Things worth a warning (a guessed encoding, replaced bytes).
    pub notes: Vec<String>,
}

/// Why bytes could not be decoded as text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// No bytes, or only whitespace.
    #[error("empty file, nothing to analyse")]
    Empty,
    /// The bytes are not text.
    #[error("binary data, not text ({0})")]
    Binary(String),
    /// A declared encoding whose bytes are malformed.
    #[error("malformed {0} text")]
    Malformed(&'static str),
}

/// How much of the start is inspected for binary content.
const SNIFF: usize = 8192;

/// Decodes `bytes` to text. UTF-8 (with or without BOM), UTF-16 with a BOM (or an evident one
/// without), and Windows-1252/Latin-1 are accepted; binary data is refused.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(DecodeError::Empty);
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        let text = encoding
            .decode_without_bom_handling_and_without_replacement(body)
            .ok_or(DecodeError::Malformed(encoding.name()))?
            .into_owned();
        return finish(text, encoding.name(), vec![]);
    }
    if let Some(encoding) = bomless_utf16(bytes) {
        let text = encoding
            .decode_without_bom_handling_and_without_replacement(bytes)
            .ok_or(DecodeError::Malformed(encoding.name()))?
            .into_owned();
        let note = format!("no byte order mark; decoded as {}", encoding.name());
        return finish(text, encoding.name(), vec![note]);
    }
    let head = &bytes[..bytes.len().min(SNIFF)];
    if let Some(pos) = head.iter().position(|&b| b == 0) {
        return Err(DecodeError::Binary(format!("NUL byte at offset {pos}")));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return finish(text.to_owned(), "UTF-8", vec![]);
    }
    // Invalid UTF-8. Mostly-UTF-8 with a few bad bytes is repaired; otherwise it is an 8-bit
    // archive encoding, which for Dutch and English news is Windows-1252 (a superset of Latin-1's
    // printable range).
    let (multibyte, invalid) = utf8_evidence(bytes);
    if multibyte > 2 * invalid {
        let text = String::from_utf8_lossy(bytes).into_owned();
        let note = format!("{invalid} invalid UTF-8 sequences replaced with U+FFFD");
        return finish(text, "UTF-8", vec![note]);
    }
    let undefined = bytes
        .iter()
        .filter(|b| matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D))
        .count();
    if undefined * 100 > bytes.len() {
        return Err(DecodeError::Binary(
            "neither UTF-8 nor Windows-1252 text".to_owned(),
        ));
    }
    let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
    finish(
        text.into_owned(),
        WINDOWS_1252.name(),
        vec!["not valid UTF-8; decoded as windows-1252".to_owned()],
    )
}

fn finish(
    text: String,
    encoding: &'static str,
    notes: Vec<String>,
) -> Result<Decoded, DecodeError> {
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    // Text has few control characters; binary formats that happen to decode have many.
    let sample: Vec<char> = text.chars().take(SNIFF).collect();
    let control = sample
        .iter()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    if control * 20 > sample.len() {
        return Err(DecodeError::Binary(format!(
            "{control} control characters in the first {} characters",
            sample.len()
        )));
    }
    Ok(Decoded {
        text,
        encoding,
        notes,
    })
}

/// UTF-16 without a BOM shows as a NUL in every other byte of ASCII-heavy text.
fn bomless_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(SNIFF) & !1];
    if head.len() < 8 {
        return None;
    }
    let pairs = head.len() / 2;
    let even_nul = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if odd_nul * 10 >= pairs * 7 && even_nul * 10 <= pairs {
        Some(UTF_16LE)
    } else if even_nul * 10 >= pairs * 7 && odd_nul * 10 <= pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Counts valid multi-byte UTF-8 characters and invalid sequences.
fn utf8_evidence(bytes: &[u8]) -> (usize, usize) {
    let mut multibyte = 0;
    let mut invalid = 0;
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| c.len_utf8() > 1).count();
        if !chunk.invalid().is_empty() {
            invalid += 1;
        }
    }
    (multibyte, invalid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode("Syrië".as_bytes()).expect("decodes");
        assert_eq!((plain.text.as_str(), plain.encoding), ("Syrië", "UTF-8"));
        let bom = decode(b"\xEF\xBB\xBFSyri\xC3\xAB").expect("decodes");
        assert_eq!(bom.text, "Syrië");
    }

    #[test]
    fn utf16_with_bom_both_orders() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Raqqa ë".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&le).expect("le").text, "Raqqa ë");
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Raqqa ë".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(&be).expect("be").text, "Raqqa ë");
    }

    #[test]
    fn utf16_without_bom_is_recognised() {
        let le: Vec<u8> = "Mosoel is heroverd."
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let d = decode(&le).expect("decodes");
        assert_eq!(d.text, "Mosoel is heroverd.");
        assert_eq!(d.notes.len(), 1);
    }

    #[test]
    fn windows_1252_archives_are_converted() {
        // "Syrië – ‘cafe’" in Windows-1252.
        let bytes = b"Syri\xEB \x96 \x91caf\xE9\x92";
        let d = decode(bytes).expect("decodes");
        assert_eq!(d.text, "Syrië – ‘café’");
        assert_eq!(d.encoding, "windows-1252");
    }

    #[test]
    fn empty_and_binary_are_refused() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(decode(b" \n\r\n\t"), Err(DecodeError::Empty));
        assert!(matches!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Err(DecodeError::Binary(_))
        ));
        assert!(matches!(
            decode(b"\x01\x02\x03\x04\x05\x06abc\x07\x08"),
            Err(DecodeError::Binary(_))
        ));
    }

    #[test]
    fn malformed_utf16_is_an_error() {
        // A lone high surrogate.
        assert_eq!(
            decode(b"\xFF\xFE\x00\xD8a\x00"),
            Err(DecodeError::Malformed("UTF-16LE"))
        );
    }

    #[test]
    fn a_stray_byte_in_utf8_is_repaired() {
        let bytes = "Syrië en Irak, één stray: "
            .as_bytes()
            .iter()
            .copied()
            .chain([0xFF])
            .collect::<Vec<_>>();
        let d = decode(&bytes).expect("decodes");
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.ends_with('\u{FFFD}'));
    }
}
