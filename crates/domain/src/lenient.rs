//! How Tether reads what the cloud sends: leniently, as the official SDKs do (DESIGN §6a).
//!
//! Requests from the browser stay strict (`params::from_json_strict` refuses unknown fields);
//! answers from the cloud go through the helpers here, applied with
//! `#[serde(deserialize_with = "...", default)]` on the answer types:
//! - unknown fields are ignored (the answer types never deny them);
//! - `""` and `null` mean "unset": [`empty_as_none`] for IDs, [`variant`] for enums, the
//!   type's default for text, numbers and flags;
//! - numbers may come as strings and text as numbers ([`number`], [`text`], [`flag`]);
//! - a list wrapper (`{"Tag":[...]}`) may be absent, `{}`, `""` or `null`, and its list may be
//!   one bare item, as XML-to-JSON gateways write one-element lists ([`wrapper`], [`list`]).

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer, StringDeserializer};
use serde::de::{self, Deserialize, DeserializeOwned, Deserializer, IntoDeserializer, Visitor};
use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

/// An enum with a catch-all for values this version does not know (or that are empty).
pub trait Unknown {
    /// The catch-all value.
    fn unknown() -> Self;
}

/// The catch-all of `T`, for `#[serde(default = "lenient::unknown")]`.
pub fn unknown<T: Unknown>() -> T {
    T::unknown()
}

/// A scalar as text: strings as they are, numbers and booleans written out; `None` for `null`.
struct Scalar;

impl<'de> Visitor<'de> for Scalar {
    type Value = Option<String>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string, a number, a boolean or null")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Some(v))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

/// The scalar as text, `None` when it is `null` or blank.
fn scalar<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(d.deserialize_any(Scalar)?.filter(|s| !s.trim().is_empty()))
}

/// An optional ID (or any value read from one string): `""` and `null` are `None`.
/// `"InstanceId": ""` is how the cloud says an ENI is not attached.
pub fn empty_as_none<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    match scalar(d)? {
        None => Ok(None),
        Some(s) => {
            let inner: StringDeserializer<D::Error> = s.into_deserializer();
            T::deserialize(inner).map(Some)
        }
    }
}

/// An enum value; empty, `null` or a value this version does not know is `T::unknown()`.
pub fn variant<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned + Unknown,
{
    Ok(match scalar(d)? {
        None => T::unknown(),
        Some(s) => {
            let inner: StringDeserializer<D::Error> = s.into_deserializer();
            T::deserialize(inner).unwrap_or_else(|_| T::unknown())
        }
    })
}

/// Text: numbers and booleans are written out (`"OwnerId": 1234` reads as `"1234"`), `null` is `""`.
pub fn text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(d.deserialize_any(Scalar)?.unwrap_or_default())
}

/// A number, sent as a JSON number or as a string (`"TotalCount": "70"`); `""` and `null` are 0.
pub fn number<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: FromStr + Default,
    T::Err: fmt::Display,
{
    match scalar(d)? {
        None => Ok(T::default()),
        Some(s) => s
            .trim()
            .parse()
            .map_err(|e| de::Error::custom(format!("{s:?} is not a number: {e}"))),
    }
}

/// A float (`"MemorySize": 0.5` or `"0.5"`); `""` and `null` are 0. Its text is read by
/// serde_json's reader of JSON numbers, not by `str::parse`: core's float parser brings a 20 KB
/// table of powers of five into every app page that reads an instance type. What `str::parse`
/// takes is still taken: a sign, `.5`, `5.`, leading zeros, `inf`, `infinity` and `nan`.
pub fn float<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    match scalar(d)? {
        None => Ok(0.0),
        Some(s) => parse_float(s.trim()).ok_or_else(|| {
            de::Error::custom(format!("{s:?} is not a number: invalid float literal"))
        }),
    }
}

/// `text` as `str::parse::<f64>` reads it, rewritten as a JSON number for serde_json.
fn parse_float(text: &str) -> Option<f64> {
    let (negative, body) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let body = body.to_ascii_lowercase();
    let magnitude = match body.as_str() {
        "inf" | "infinity" => f64::INFINITY,
        "nan" => f64::NAN,
        _ => {
            let (mantissa, exponent) = body.split_at(body.find('e').unwrap_or(body.len()));
            let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
            let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
            let power = exponent
                .get(1..)
                .map(|e| e.strip_prefix(['+', '-']).unwrap_or(e));
            let bad_power = power.is_some_and(|p| p.is_empty() || !digits(p));
            if (int.is_empty() && frac.is_empty()) || !digits(int) || !digits(frac) || bad_power {
                return None;
            }
            // JSON spells a number without leading zeros, `+`, or a bare point.
            let int = match int.trim_start_matches('0') {
                "" => "0",
                int => int,
            };
            let point = if frac.is_empty() { "" } else { "." };
            // The syntax is checked, so serde_json can only refuse a number too large for f64,
            // which str::parse reads as infinity.
            serde_json::from_str::<f64>(&format!("{int}{point}{frac}{exponent}"))
                .unwrap_or(f64::INFINITY)
        }
    };
    Some(if negative { -magnitude } else { magnitude })
}

/// An optional number: `""`, `null` and absence are `None` (`"NetworkCardIndex"` is left out
/// or blank when the attach named no card).
pub fn optional_number<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: FromStr,
    T::Err: fmt::Display,
{
    match scalar(d)? {
        None => Ok(None),
        Some(s) => s
            .trim()
            .parse()
            .map(Some)
            .map_err(|e| de::Error::custom(format!("{s:?} is not a number: {e}"))),
    }
}

/// A flag: `true`/`false` as booleans, as strings in any case, or as 1/0; `""` and `null` are false.
pub fn flag<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    match scalar(d)? {
        None => Ok(false),
        Some(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "1" => Ok(true),
            "false" | "0" => Ok(false),
            _ => Err(de::Error::custom(format!("{s:?} is not a boolean"))),
        },
    }
}

/// A list: a JSON array, one bare item (a one-element list), or `""`/`null` for none.
pub fn list<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    struct List<T>(PhantomData<T>);
    impl<'de, T: DeserializeOwned> Visitor<'de> for List<T> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a list, one item, or nothing")
        }
        fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
            Vec::deserialize(SeqAccessDeserializer::new(seq))
        }
        fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            T::deserialize(MapAccessDeserializer::new(map)).map(|item| vec![item])
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            self.visit_string(v.to_owned())
        }
        fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
            if v.trim().is_empty() {
                return Ok(Vec::new());
            }
            let inner: StringDeserializer<E> = v.into_deserializer();
            T::deserialize(inner).map(|item| vec![item])
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }
    }
    d.deserialize_any(List(PhantomData))
}

/// A list wrapper object (`{"Tag": [...]}`), read as `W`; `None` when it is `""`, `null` or an
/// empty list. Answer types use it through the `wrapper!` macro.
pub fn wrapper<'de, D, W>(d: D) -> Result<Option<W>, D::Error>
where
    D: Deserializer<'de>,
    W: Deserialize<'de>,
{
    struct Wrapper<W>(PhantomData<W>);
    impl<'de, W: Deserialize<'de>> Visitor<'de> for Wrapper<W> {
        type Value = Option<W>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a list wrapper object, or nothing")
        }
        fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            W::deserialize(MapAccessDeserializer::new(map)).map(Some)
        }
        fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            // Only an empty list stands for "no wrapper"; a list of items has lost its key.
            match seq.next_element::<de::IgnoredAny>()? {
                None => Ok(None),
                Some(_) => Err(de::Error::invalid_type(de::Unexpected::Seq, &self)),
            }
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            if v.trim().is_empty() {
                Ok(None)
            } else {
                Err(de::Error::invalid_type(de::Unexpected::Str(v), &self))
            }
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }
    }
    d.deserialize_any(Wrapper(PhantomData))
}

/// Serialises `None` as `""`, the form in which the cloud sends an unset ID.
pub fn none_as_empty<S, T>(value: &Option<T>, s: S) -> Result<S::Ok, S::Error>
where
    S: serde::Serializer,
    T: AsRef<str>,
{
    s.serialize_str(value.as_ref().map_or("", AsRef::as_ref))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::InstanceId;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq, Default)]
    #[serde(default)]
    struct Sample {
        #[serde(deserialize_with = "empty_as_none")]
        id: Option<InstanceId>,
        #[serde(deserialize_with = "number")]
        count: u32,
        #[serde(deserialize_with = "number")]
        size: f64,
        #[serde(deserialize_with = "text")]
        owner: String,
        #[serde(deserialize_with = "flag")]
        on: bool,
        #[serde(deserialize_with = "list")]
        items: Vec<String>,
    }

    fn read(json: &str) -> Result<Sample, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn empty_and_null_ids_are_none_and_a_real_one_is_parsed() {
        assert_eq!(read(r#"{"id":""}"#).unwrap().id, None);
        assert_eq!(read(r#"{"id":null}"#).unwrap().id, None);
        assert_eq!(read(r#"{}"#).unwrap().id, None);
        let id = read(r#"{"id":"i-bp67acfmxazb4p0001"}"#).unwrap().id;
        assert_eq!(id.unwrap().as_str(), "i-bp67acfmxazb4p0001");
    }

    #[test]
    fn a_malformed_id_is_still_an_error() {
        assert!(read(r#"{"id":"eni-bp67acfmxazb4p0001"}"#).is_err());
    }

    #[test]
    fn numbers_may_come_as_strings_and_blank_is_zero() {
        let s = read(r#"{"count":"70","size":"8.5"}"#).unwrap();
        assert_eq!((s.count, s.size), (70, 8.5));
        let s = read(r#"{"count":"","size":null}"#).unwrap();
        assert_eq!((s.count, s.size), (0, 0.0));
        assert_eq!(read(r#"{"count":8.0}"#).unwrap().count, 8);
        assert!(read(r#"{"count":"seventy"}"#).is_err());
        assert!(read(r#"{"count":-1}"#).is_err());
    }

    #[test]
    fn text_takes_numbers_and_null() {
        assert_eq!(
            read(r#"{"owner":1406926474060001}"#).unwrap().owner,
            "1406926474060001"
        );
        assert_eq!(read(r#"{"owner":null}"#).unwrap().owner, "");
        assert!(read(r#"{"owner":{"a":1}}"#).is_err());
    }

    #[test]
    fn a_float_is_read_as_str_parse_reads_it_from_a_number_or_text() {
        #[derive(Deserialize)]
        struct Size {
            #[serde(default, deserialize_with = "float")]
            gib: f64,
        }
        let read = |j: &str| serde_json::from_str::<Size>(j).map(|s| s.gib);
        for (json, want) in [
            (r#"{"gib":0.5}"#, 0.5),
            (r#"{"gib":8}"#, 8.0),
            (r#"{"gib":"1.5"}"#, 1.5),
            (r#"{"gib":" 768 "}"#, 768.0),
            (r#"{"gib":"+2"}"#, 2.0),
            (r#"{"gib":".5"}"#, 0.5),
            (r#"{"gib":"5."}"#, 5.0),
            (r#"{"gib":"007.25"}"#, 7.25),
            (r#"{"gib":"-1E3"}"#, -1000.0),
            (r#"{"gib":"2.5e-1"}"#, 0.25),
            (r#"{"gib":"1e400"}"#, f64::INFINITY),
            (r#"{"gib":"-Infinity"}"#, f64::NEG_INFINITY),
            (r#"{"gib":"0.1"}"#, 0.1),
            (r#"{"gib":""}"#, 0.0),
            (r#"{"gib":null}"#, 0.0),
            (r#"{}"#, 0.0),
        ] {
            assert_eq!(read(json).unwrap(), want, "{json}");
            let text = json.trim_start_matches(r#"{"gib":"#).trim_end_matches('}');
            let text = text.trim_matches('"').trim();
            if let Ok(core) = text.parse::<f64>() {
                assert_eq!(core, want, "str::parse reads {text:?} the same");
            }
        }
        assert!(read(r#"{"gib":"NaN"}"#).unwrap().is_nan());
        for bad in [
            "eight", ".", "e5", "1e", "1e+", "--1", "+-1", "1.2.3", "0x10",
        ] {
            assert!(bad.parse::<f64>().is_err(), "{bad}");
            let err = read(&format!(r#"{{"gib":"{bad}"}}"#))
                .unwrap_err()
                .to_string();
            assert!(
                err.contains("is not a number: invalid float literal"),
                "{err}"
            );
        }
    }

    #[test]
    fn an_optional_number_is_none_when_blank_and_a_number_otherwise() {
        #[derive(Deserialize)]
        struct Card {
            #[serde(default, deserialize_with = "optional_number")]
            index: Option<u32>,
        }
        let read = |j: &str| serde_json::from_str::<Card>(j).map(|c| c.index);
        assert_eq!(read(r#"{}"#).unwrap(), None);
        assert_eq!(read(r#"{"index":""}"#).unwrap(), None);
        assert_eq!(read(r#"{"index":1}"#).unwrap(), Some(1));
        assert_eq!(read(r#"{"index":"0"}"#).unwrap(), Some(0));
        assert!(read(r#"{"index":"first"}"#).is_err());
    }

    #[test]
    fn flags_accept_strings_in_any_case() {
        assert!(read(r#"{"on":"True"}"#).unwrap().on);
        assert!(read(r#"{"on":1}"#).unwrap().on);
        assert!(!read(r#"{"on":""}"#).unwrap().on);
        assert!(read(r#"{"on":"maybe"}"#).is_err());
    }

    #[test]
    fn a_list_may_be_one_bare_item_or_nothing() {
        assert_eq!(read(r#"{"items":["a","b"]}"#).unwrap().items, ["a", "b"]);
        assert_eq!(read(r#"{"items":"a"}"#).unwrap().items, ["a"]);
        assert!(read(r#"{"items":""}"#).unwrap().items.is_empty());
        assert!(read(r#"{"items":null}"#).unwrap().items.is_empty());
    }

    #[test]
    fn none_is_written_as_the_clouds_empty_string_and_read_back_as_none() {
        #[derive(serde::Serialize, Deserialize, PartialEq, Debug)]
        struct Eni {
            #[serde(serialize_with = "none_as_empty", deserialize_with = "empty_as_none")]
            instance_id: Option<InstanceId>,
        }
        let json = serde_json::to_string(&Eni { instance_id: None }).unwrap();
        assert_eq!(json, r#"{"instance_id":""}"#);
        assert_eq!(
            serde_json::from_str::<Eni>(&json).unwrap(),
            Eni { instance_id: None }
        );
    }

    #[test]
    fn unknown_fields_are_ignored() {
        assert_eq!(
            read(r#"{"NewField":{"x":[1]}}"#).unwrap(),
            Sample::default()
        );
    }
}
