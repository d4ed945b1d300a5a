//! A small JSON reader and writer, for the one JSON document the browser
//! app reads and writes itself: the reader's shelf (`shelf`). Hand-written
//! because serde_json cost the release wasm 22,172 B gzip -9 for it
//! (329,082 with, 306,910 without; `wasm-opt -Oz --converge`); the article
//! data the app reads is in the site's own record files, and the native
//! tools keep serde_json. Tested against serde_json below.

/// A JSON value. Objects keep their members in order (a key given twice
/// keeps both; `get` finds the last, as serde_json does).
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

/// Deeper nesting than this is refused rather than risk the stack.
const MAX_DEPTH: usize = 64;

impl Json {
    pub fn parse(text: &str) -> Result<Json, String> {
        let mut p = Parser {
            bytes: text.as_bytes(),
            at: 0,
        };
        let value = p.value(0)?;
        p.space();
        if p.at < p.bytes.len() {
            return Err(p.error("text after the end of the document"));
        }
        Ok(value)
    }

    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Json::Number(n) => Some(*n),
            _ => None,
        }
    }
}

/// Appends `s` as a JSON string.
pub fn write_string(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                out.push_str("\\u00");
                out.push(char::from(HEX[(c as usize) >> 4]));
                out.push(char::from(HEX[(c as usize) & 15]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

struct Parser<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Parser<'_> {
    fn error(&self, what: &str) -> String {
        format!("{what} at byte {}", self.at)
    }

    fn space(&mut self) {
        while matches!(self.bytes.get(self.at), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn eat(&mut self, b: u8) -> bool {
        self.space();
        let found = self.bytes.get(self.at) == Some(&b);
        self.at += usize::from(found);
        found
    }

    fn literal(&mut self, word: &str, value: Json) -> Result<Json, String> {
        if self.bytes[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.error("unexpected character"))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, String> {
        if depth > MAX_DEPTH {
            return Err(self.error("nesting too deep"));
        }
        self.space();
        match self.bytes.get(self.at) {
            None => Err(self.error("unexpected end")),
            Some(b'n') => self.literal("null", Json::Null),
            Some(b't') => self.literal("true", Json::Bool(true)),
            Some(b'f') => self.literal("false", Json::Bool(false)),
            Some(b'"') => self.string().map(Json::String),
            Some(b'[') => {
                self.at += 1;
                let mut items = Vec::new();
                if !self.eat(b']') {
                    loop {
                        items.push(self.value(depth + 1)?);
                        if self.eat(b']') {
                            break;
                        }
                        if !self.eat(b',') {
                            return Err(self.error("expected , or ]"));
                        }
                    }
                }
                Ok(Json::Array(items))
            }
            Some(b'{') => {
                self.at += 1;
                let mut members = Vec::new();
                if !self.eat(b'}') {
                    loop {
                        self.space();
                        if self.bytes.get(self.at) != Some(&b'"') {
                            return Err(self.error("expected a key"));
                        }
                        let key = self.string()?;
                        if !self.eat(b':') {
                            return Err(self.error("expected :"));
                        }
                        members.push((key, self.value(depth + 1)?));
                        if self.eat(b'}') {
                            break;
                        }
                        if !self.eat(b',') {
                            return Err(self.error("expected , or }"));
                        }
                    }
                }
                Ok(Json::Object(members))
            }
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("unexpected character")),
        }
    }

    /// JSON's number syntax, read as digits and a power of ten (exact for
    /// integers up to 2^53, as the shelf's dates are).
    fn number(&mut self) -> Result<Json, String> {
        let digits = |p: &mut Self| {
            let start = p.at;
            while p.bytes.get(p.at).is_some_and(u8::is_ascii_digit) {
                p.at += 1;
            }
            &p.bytes[start..p.at]
        };
        let negative = self.bytes.get(self.at) == Some(&b'-');
        self.at += usize::from(negative);
        let whole = digits(self);
        if whole.is_empty() || (whole.len() > 1 && whole[0] == b'0') {
            return Err(self.error("malformed number"));
        }
        let mut mantissa = 0f64;
        for d in whole {
            mantissa = mantissa * 10.0 + f64::from(d - b'0');
        }
        let mut exponent = 0i32;
        if self.bytes.get(self.at) == Some(&b'.') {
            self.at += 1;
            let fraction = digits(self);
            if fraction.is_empty() {
                return Err(self.error("malformed number"));
            }
            for d in fraction.iter().take(30) {
                mantissa = mantissa * 10.0 + f64::from(d - b'0');
                exponent -= 1;
            }
        }
        if matches!(self.bytes.get(self.at), Some(b'e' | b'E')) {
            self.at += 1;
            let sign = match self.bytes.get(self.at) {
                Some(b'-') => -1,
                Some(b'+') => 1,
                _ => 0,
            };
            self.at += usize::from(sign != 0);
            let power = digits(self);
            if power.is_empty() {
                return Err(self.error("malformed number"));
            }
            let mut e = 0i32;
            for d in power {
                e = e.saturating_mul(10).saturating_add(i32::from(d - b'0'));
            }
            exponent = exponent.saturating_add(if sign < 0 { -e } else { e });
        }
        // Dividing by an exact power of ten is exact where multiplying by
        // its inexact inverse is not (325 / 100 is 3.25; 325 * 0.01 is not).
        let value = if exponent < 0 {
            mantissa / 10f64.powi(-exponent)
        } else {
            mantissa * 10f64.powi(exponent)
        };
        Ok(Json::Number(if negative { -value } else { value }))
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let hex = self
            .bytes
            .get(self.at..self.at + 4)
            .ok_or_else(|| self.error("short \\u escape"))?;
        let mut n = 0;
        for &h in hex {
            let d = char::from(h)
                .to_digit(16)
                .ok_or_else(|| self.error("bad \\u escape"))?;
            n = n * 16 + d;
        }
        self.at += 4;
        Ok(n)
    }

    fn string(&mut self) -> Result<String, String> {
        self.at += 1; // the opening quote
        let mut out = String::new();
        loop {
            let start = self.at;
            while let Some(&b) = self.bytes.get(self.at) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.at += 1;
            }
            // The input is a &str and the stops are ASCII: this is whole characters.
            out.push_str(std::str::from_utf8(&self.bytes[start..self.at]).unwrap_or_default());
            match self.bytes.get(self.at) {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    let escape = self.bytes.get(self.at).copied();
                    self.at += 1;
                    let c = match escape {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            let mut code = self.hex4()?;
                            if (0xD800..0xDC00).contains(&code)
                                && self.bytes[self.at..].starts_with(b"\\u")
                            {
                                self.at += 2;
                                let low = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&low) {
                                    return Err(self.error("bad surrogate pair"));
                                }
                                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                            }
                            char::from_u32(code).ok_or_else(|| self.error("lone surrogate"))?
                        }
                        _ => return Err(self.error("bad escape")),
                    };
                    out.push(c);
                }
                Some(_) => return Err(self.error("control character in a string")),
                None => return Err(self.error("unterminated string")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same value serde_json reads.
    fn from_serde(v: &serde_json::Value) -> Json {
        match v {
            serde_json::Value::Null => Json::Null,
            serde_json::Value::Bool(b) => Json::Bool(*b),
            serde_json::Value::Number(n) => Json::Number(n.as_f64().unwrap()),
            serde_json::Value::String(s) => Json::String(s.clone()),
            serde_json::Value::Array(a) => Json::Array(a.iter().map(from_serde).collect()),
            serde_json::Value::Object(o) => {
                Json::Object(o.iter().map(|(k, v)| (k.clone(), from_serde(v))).collect())
            }
        }
    }

    #[test]
    fn reads_what_serde_json_reads() {
        for text in [
            "null",
            " true ",
            "false",
            "0",
            "-12",
            "1700000000123",
            "3.25",
            "-0.5e3",
            "1E-2",
            r#""""#,
            r#""plain""#,
            r#""esc \" \\ \/ \b \f \n \r \t \u00e9 \ud83d\ude00 ü 日本""#,
            "[]",
            "[1, [2, [3]], {}]",
            r#"{"a": 1, "b": [true, null], "c": {"d": "e"}}"#,
            "\n{ \"k\" :\t\"v\" }\r\n",
        ] {
            let serde: serde_json::Value = serde_json::from_str(text).unwrap();
            assert_eq!(Json::parse(text).unwrap(), from_serde(&serde), "{text}");
        }
    }

    #[test]
    fn refuses_what_serde_json_refuses() {
        let deep = "[".repeat(100) + &"]".repeat(100);
        for text in [
            "",
            " ",
            "nul",
            "tru",
            "01",
            "1.",
            "1e",
            "-",
            "+1",
            ".5",
            "\"open",
            "\"a\nb\"",
            r#""\x""#,
            r#""\u12""#,
            r#""\ud800""#,
            "[1,]",
            "[1 2]",
            "{\"a\"}",
            "{\"a\":1,}",
            "{a:1}",
            "{} x",
            "[",
            "'single'",
            deep.as_str(),
        ] {
            assert!(Json::parse(text).is_err(), "{text:?} should fail");
            if text != deep {
                assert!(
                    serde_json::from_str::<serde_json::Value>(text).is_err(),
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn writes_strings_serde_json_reads_back() {
        for s in [
            "",
            "plain",
            "q\"b\\s/",
            "line\nfeed\ttab\r",
            "\u{1}\u{1f}",
            "ü 日本 😀",
        ] {
            let mut out = String::new();
            write_string(&mut out, s);
            assert_eq!(serde_json::from_str::<String>(&out).unwrap(), s);
            assert_eq!(Json::parse(&out).unwrap(), Json::String(s.into()));
        }
    }

    #[test]
    fn the_last_of_a_repeated_key_counts() {
        let v = Json::parse(r#"{"a":1,"a":2}"#).unwrap();
        assert_eq!(v.get("a"), Some(&Json::Number(2.0)));
        assert_eq!(v.get("b"), None);
        assert_eq!(Json::Null.get("a"), None);
    }
}
