//! IOB2 labels over the four CoNLL types.

use crate::entities::EntityType;

/// The entity types in label order.
pub const TYPES: [EntityType; 4] = [
    EntityType::Per,
    EntityType::Org,
    EntityType::Loc,
    EntityType::Misc,
];

/// How many labels there are: `O` and `B-`/`I-` for each type.
pub const N_LABELS: usize = 1 + 2 * TYPES.len();

/// An IOB2 label: 0 is `O`, `1 + 2k` is `B-` and `2 + 2k` is `I-` of `TYPES[k]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Label(u8);

const NAMES: [&str; N_LABELS] = [
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
];

impl Label {
    /// Outside any name.
    pub const O: Label = Label(0);

    /// The label with index `i` (`0..N_LABELS`).
    pub fn from_index(i: usize) -> Option<Label> {
        (i < N_LABELS).then_some(Label(i as u8))
    }

    /// Its index in `0..N_LABELS`.
    pub fn index(self) -> usize {
        usize::from(self.0)
    }

    /// `B-` of a type.
    pub fn begin(kind: EntityType) -> Label {
        Label(1 + 2 * type_index(kind) as u8)
    }

    /// `I-` of a type.
    pub fn inside(kind: EntityType) -> Label {
        Label(2 + 2 * type_index(kind) as u8)
    }

    /// Parses `O`, `B-PER`, `I-LOC`, ...
    pub fn parse(s: &str) -> Option<Label> {
        NAMES.iter().position(|&n| n == s).map(|i| Label(i as u8))
    }

    /// The label as CoNLL writes it.
    pub fn as_str(self) -> &'static str {
        NAMES.get(self.index()).copied().unwrap_or("O")
    }

    /// The entity type, `None` for `O`.
    pub fn kind(self) -> Option<EntityType> {
        (self.0 > 0).then(|| TYPES[usize::from((self.0 - 1) / 2)])
    }

    /// True for `B-` labels.
    pub fn is_begin(self) -> bool {
        self.0 % 2 == 1
    }

    /// True for `I-` labels.
    pub fn is_inside(self) -> bool {
        self.0 > 0 && self.0.is_multiple_of(2)
    }
}

fn type_index(kind: EntityType) -> usize {
    match kind {
        EntityType::Per => 0,
        EntityType::Org => 1,
        EntityType::Loc => 2,
        EntityType::Misc => 3,
    }
}

/// Whether `next` may follow `prev` (`None` at the start of a sentence) in IOB2: `I-X` only
/// continues `B-X` or `I-X`.
pub fn allowed(prev: Option<Label>, next: Label) -> bool {
    if !next.is_inside() {
        return true;
    }
    prev.is_some_and(|p| p.kind().is_some() && p.kind() == next.kind())
}

/// The chunks of a label sequence as `(type, start, end)` token ranges, read the way conlleval
/// reads them: a chunk starts at `B-X`, or at an `I-X` that does not continue an `X`.
pub fn chunks(labels: &[Label]) -> Vec<(EntityType, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(EntityType, usize)> = None;
    for (i, l) in labels.iter().enumerate() {
        let continues = l.is_inside() && open.is_some_and(|(k, _)| Some(k) == l.kind());
        if continues {
            continue;
        }
        if let Some((k, s)) = open.take() {
            out.push((k, s, i));
        }
        if let Some(k) = l.kind() {
            open = Some((k, i));
        }
    }
    if let Some((k, s)) = open {
        out.push((k, s, labels.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for i in 0..N_LABELS {
            let l = Label::from_index(i).unwrap();
            assert_eq!(Label::parse(l.as_str()), Some(l));
        }
        assert_eq!(Label::begin(EntityType::Loc).as_str(), "B-LOC");
        assert_eq!(Label::inside(EntityType::Misc).as_str(), "I-MISC");
        assert_eq!(Label::parse("B-XYZ"), None);
    }

    #[test]
    fn chunks_follow_conlleval() {
        let ls: Vec<Label> = ["B-PER", "I-PER", "O", "I-LOC", "I-LOC", "B-ORG", "I-PER"]
            .iter()
            .map(|s| Label::parse(s).unwrap())
            .collect();
        assert_eq!(
            chunks(&ls),
            vec![
                (EntityType::Per, 0, 2),
                (EntityType::Loc, 3, 5),
                (EntityType::Org, 5, 6),
                (EntityType::Per, 6, 7)
            ]
        );
    }

    #[test]
    fn inside_needs_its_type_before() {
        let b = Label::begin(EntityType::Per);
        let i = Label::inside(EntityType::Per);
        assert!(allowed(Some(b), i));
        assert!(!allowed(None, i));
        assert!(!allowed(Some(Label::begin(EntityType::Org)), i));
        assert!(allowed(None, b));
    }
}
