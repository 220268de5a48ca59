//! A collection file's envelope (`{"dataset_version": N, "items": [...]}`, [`Collection`]) read
//! a few items at a time: each item is split off as raw JSON by `serde_json` itself, and the
//! caller may let the browser paint between steps. Reading the whole envelope in one go (as
//! `serde_json::from_slice::<Collection<&RawValue>>`, which checks the JSON of every item) was
//! a task of 170 ms at 4x CPU for 10,000 initiatives (issue 15). The result, errors included,
//! is that of reading it in one go: unknown fields are skipped, a field given twice, a missing
//! one, anything after the object or any JSON error refuses the file.
//!
//! ```
//! use wegwijzer_core::envelope::EnvelopeReader;
//! let bytes = br#"{"dataset_version": 3, "items": [{"id": "a"}, 2, "x"]}"#;
//! let mut reader = EnvelopeReader::new(bytes);
//! while !reader.step(2).unwrap() { /* yield to the browser */ }
//! let (version, items) = reader.finish().unwrap();
//! assert_eq!((version, items.len(), items[1].get()), (3, 3, "2"));
//! ```
//!
//! [`Collection`]: crate::model::Collection

use serde::de::{Deserialize, Error as _, IgnoredAny};
use serde_json::value::RawValue;

/// Where the reader is in the envelope.
#[derive(Clone, Copy, Debug, PartialEq)]
enum At {
    /// After `{` or `,`: a field name (or, right after `{`, the end of the object).
    Field { first: bool },
    /// After a field's value: `,` or `}`.
    AfterValue,
    /// In `items`, before an item or `]`.
    Item { first: bool },
    /// After the object: nothing but whitespace may follow.
    End,
}

/// Reads an envelope in steps; see the module docs.
pub struct EnvelopeReader<'a> {
    bytes: &'a [u8],
    pos: usize,
    started: bool,
    at: At,
    dataset_version: Option<u64>,
    items: Option<Vec<&'a RawValue>>,
}

impl<'a> EnvelopeReader<'a> {
    /// `bytes`: the file, without a byte order mark.
    pub fn new(bytes: &'a [u8]) -> Self {
        EnvelopeReader { bytes, pos: 0, started: false, at: At::Field { first: true }, dataset_version: None, items: None }
    }

    /// Reads the fields and up to `count` items; `Ok(true)` once the whole file is read.
    pub fn step(&mut self, count: usize) -> Result<bool, serde_json::Error> {
        if !self.started {
            self.skip_whitespace();
            self.expect(b'{')?;
            self.started = true;
        }
        let mut read = 0;
        loop {
            self.skip_whitespace();
            match self.at {
                At::End => {
                    return match self.bytes.get(self.pos) {
                        None => Ok(true),
                        Some(_) => Err(self.error("trailing characters after the object")),
                    };
                }
                At::Field { first } => {
                    if first && self.peek() == Some(b'}') {
                        self.pos += 1;
                        self.at = At::End;
                        continue;
                    }
                    let name: std::borrow::Cow<'a, str> = self.value()?;
                    self.skip_whitespace();
                    self.expect(b':')?;
                    self.skip_whitespace();
                    match &*name {
                        "items" if self.items.is_some() => return Err(self.error("duplicate field `items`")),
                        "items" => {
                            self.expect(b'[')?;
                            self.items = Some(Vec::new());
                            self.at = At::Item { first: true };
                        }
                        "dataset_version" if self.dataset_version.is_some() => {
                            return Err(self.error("duplicate field `dataset_version`"))
                        }
                        "dataset_version" => {
                            self.dataset_version = Some(self.value()?);
                            self.at = At::AfterValue;
                        }
                        _ => {
                            self.value::<IgnoredAny>()?;
                            self.at = At::AfterValue;
                        }
                    }
                }
                At::AfterValue => match self.peek() {
                    Some(b',') => {
                        self.pos += 1;
                        self.at = At::Field { first: false };
                    }
                    Some(b'}') => {
                        self.pos += 1;
                        self.at = At::End;
                    }
                    _ => return Err(self.error("expected `,` or `}`")),
                },
                At::Item { first } => {
                    if self.peek() == Some(b']') {
                        self.pos += 1;
                        self.at = At::AfterValue;
                        continue;
                    }
                    if read == count {
                        return Ok(false);
                    }
                    if !first {
                        self.expect(b',')?;
                        self.skip_whitespace();
                    }
                    let item: &'a RawValue = self.value()?;
                    self.items.get_or_insert_with(Vec::new).push(item);
                    read += 1;
                    self.at = At::Item { first: false };
                }
            }
        }
    }

    /// The file's `dataset_version` and its items (what is not read yet is read now).
    pub fn finish(mut self) -> Result<(u64, Vec<&'a RawValue>), serde_json::Error> {
        while !self.step(usize::MAX)? {}
        let version = self.dataset_version.ok_or_else(|| serde_json::Error::missing_field("dataset_version"))?;
        let items = self.items.ok_or_else(|| serde_json::Error::missing_field("items"))?;
        Ok((version, items))
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.pos += 1;
        }
    }

    fn expect(&mut self, byte: u8) -> Result<(), serde_json::Error> {
        if self.peek() != Some(byte) {
            return Err(self.error(&format!("expected `{}`", byte as char)));
        }
        self.pos += 1;
        Ok(())
    }

    /// One JSON value at the current position, read by `serde_json` (which stops after it).
    fn value<T: Deserialize<'a>>(&mut self) -> Result<T, serde_json::Error> {
        let rest: &'a [u8] = &self.bytes[self.pos..];
        let mut values = serde_json::Deserializer::from_slice(rest).into_iter::<T>();
        match values.next() {
            Some(Ok(value)) => {
                self.pos += values.byte_offset();
                Ok(value)
            }
            Some(Err(e)) => Err(self.error(&e.to_string())),
            None => Err(self.error("unexpected end of the file")),
        }
    }

    /// An error that says where, in bytes from the start of the file.
    fn error(&self, what: &str) -> serde_json::Error {
        serde_json::Error::custom(format!("{what} (at byte {})", self.pos))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Collection;

    /// Read in steps of each size, and in one go by serde_json: the same result, or both refuse.
    fn same_as_in_one_go(text: &str) {
        let whole = serde_json::from_slice::<Collection<&RawValue>>(text.as_bytes());
        for count in [1, 2, 7, usize::MAX] {
            let mut reader = EnvelopeReader::new(text.as_bytes());
            let stepped = loop {
                match reader.step(count) {
                    Ok(true) => break reader.finish(),
                    Ok(false) => continue,
                    Err(e) => break Err(e),
                }
            };
            match (&whole, &stepped) {
                (Ok(c), Ok((v, items))) => {
                    assert_eq!(c.dataset_version, *v, "{text}");
                    let raw = |xs: &[&RawValue]| xs.iter().map(|x| x.get().to_string()).collect::<Vec<_>>();
                    assert_eq!(raw(&c.items), raw(items), "{text}");
                }
                (Err(_), Err(_)) => {}
                _ => panic!("{text} in steps of {count}: in one go {whole:?}, in steps {stepped:?}"),
            }
        }
    }

    #[test]
    fn it_reads_what_serde_json_reads_and_refuses_what_it_refuses() {
        for text in [
            r#"{"dataset_version": 3, "items": [{"id": "a", "x": [1, {"y": "]"}]}, 2, "x,]", null, true, -1.5e3]}"#,
            r#"{"items":[],"dataset_version":1}"#,
            " \n{ \"note\" : {\"a\": [1,2]}, \"items\" : [ 1 , 2 ] , \"dataset_version\" : 9 } \n",
            r#"{"dataset_version": 1, "items": [1, 2], "extra": "ok"}"#,
            r#"{"dataset_version": 1, "items": ["\"]\\", "é", "\u00e9"]}"#,
            // Refused, in one go and in steps:
            r#"{"dataset_version": 1}"#,
            r#"{"items": []}"#,
            r#"{"dataset_version": 1, "items": [1, 2,]}"#,
            r#"{"dataset_version": 1, "items": [1 2]}"#,
            r#"{"dataset_version": 1, "items": [1, 2]"#,
            r#"{"dataset_version": 1, "items": [1, 2]} x"#,
            r#"{"dataset_version": 1, "items": [1, 2]}{}"#,
            r#"{"dataset_version": 1, "items": [], "items": []}"#,
            r#"{"dataset_version": 1, "dataset_version": 1, "items": []}"#,
            r#"{"dataset_version": -1, "items": []}"#,
            r#"{"dataset_version": 1, "items": {}}"#,
            r#"{"dataset_version": 1, "items": [1],}"#,
            r#"{"dataset_version": 1 "items": []}"#,
            r#"{,"dataset_version": 1, "items": []}"#,
            r#"{"dataset_version": 1, "items": [{"a": }]}"#,
            r#"{"dataset_version": 1, "items": ["unterminated]}"#,
            r#"[{"dataset_version": 1, "items": []}]"#,
            "<!doctype html><h1>Oops</h1>",
            "",
            "{",
            "{}",
        ] {
            same_as_in_one_go(text);
        }
    }

    #[test]
    fn a_step_reads_at_most_count_items() {
        let text = br#"{"dataset_version": 2, "items": [1, 2, 3, 4, 5]}"#;
        let mut reader = EnvelopeReader::new(text);
        let mut steps = 1;
        while !reader.step(2).unwrap() {
            assert!(reader.items.as_ref().unwrap().len() <= 2 * steps);
            steps += 1;
        }
        assert_eq!(steps, 3);
        assert_eq!(reader.finish().unwrap().1.len(), 5);
    }

    #[test]
    fn invalid_utf8_in_an_item_is_refused() {
        let mut text = br#"{"dataset_version": 1, "items": ["ab"]}"#.to_vec();
        let at = text.iter().position(|&b| b == b'a').unwrap();
        text[at] = 0xff;
        let mut reader = EnvelopeReader::new(&text);
        assert!(reader.step(usize::MAX).is_err());
    }
}
