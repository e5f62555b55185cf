//! Flat RPC parameters (`NetworkInterface.1.VSwitchId=...`) to and from typed requests.
//!
//! Serialisation goes through `serde_json::Value` and flattens it: objects become `Key.Sub`,
//! lists become `Key.N` (1-based), `null` is left out. Parsing rebuilds the tree from the dotted
//! names and walks it with a small serde `Deserializer` that reads numbers and booleans from text
//! (booleans case-insensitively, as the Python SDK sends `True`). One struct definition per action
//! therefore serves the app's JSON, the proxy's signing and the simulator's parsing.

use serde::Serialize;
use serde::de::{self, DeserializeOwned, IntoDeserializer, Visitor};
use std::collections::BTreeMap;
use std::fmt;

/// Flat request parameters, sorted by name.
pub type Params = BTreeMap<String, String>;

/// Parameters every RPC call carries that no action struct models.
pub const COMMON_PARAMS: &[&str] = &[
    "Action",
    "Version",
    "AccessKeyId",
    "Signature",
    "SignatureMethod",
    "SignatureVersion",
    "SignatureNonce",
    "SignatureType",
    "Timestamp",
    "Format",
    "SecurityToken",
    "OwnerId",
    "OwnerAccount",
    "ResourceOwnerId",
    "ResourceOwnerAccount",
    "CallerParentId",
    "CallerBid",
];

/// Why flat parameters could not become a typed request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParamError {
    /// A required parameter is absent; the name is the flat wire name.
    Missing(String),
    /// A parameter is present but its value is not acceptable.
    Invalid {
        /// The flat wire name, e.g. `NetworkInterface.1.VSwitchId`.
        name: String,
        /// What is wrong with it.
        reason: String,
    },
}

impl fmt::Display for ParamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Missing(name) => write!(
                f,
                "The input parameter \"{name}\" that is mandatory for processing this request is not supplied."
            ),
            Self::Invalid { name, reason } => {
                write!(
                    f,
                    "The specified parameter \"{name}\" is not valid: {reason}"
                )
            }
        }
    }
}

impl std::error::Error for ParamError {}

impl ParamError {
    /// The message in `lang`: English is the cloud's wording (the `Display` text); Chinese
    /// names the same parameter (the reason, when there is one, is the decoder's own English).
    pub fn message(&self, lang: crate::Lang) -> String {
        match (self, lang) {
            (_, crate::Lang::En) => self.to_string(),
            (Self::Missing(name), crate::Lang::Zh) => format!("缺少必填参数“{name}”。"),
            (Self::Invalid { name, reason }, crate::Lang::Zh) => {
                format!("参数“{name}”的值无效：{reason}")
            }
        }
    }
}

/// Flattens any serialisable request into RPC parameters.
pub fn to_params<T: Serialize>(value: &T) -> Params {
    let mut out = Params::new();
    if let Ok(tree) = serde_json::to_value(value) {
        flatten_into(&mut out, String::new(), &tree);
    }
    out
}

fn flatten_into(out: &mut Params, key: String, value: &serde_json::Value) {
    use serde_json::Value;
    let join = |k: &str| {
        if key.is_empty() {
            k.to_owned()
        } else {
            format!("{key}.{k}")
        }
    };
    match value {
        Value::Null => {}
        Value::Bool(b) => {
            out.insert(key, b.to_string());
        }
        Value::Number(n) => {
            out.insert(key, n.to_string());
        }
        Value::String(s) => {
            out.insert(key, s.clone());
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                flatten_into(out, join(&(i + 1).to_string()), item);
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                flatten_into(out, join(k), v);
            }
        }
    }
}

/// Parses flat parameters into a typed request. Common parameters (signature, version...) and
/// parameters the type does not model are ignored, as Alibaba's gateway ignores them.
pub fn from_params<T: DeserializeOwned>(params: &Params) -> Result<T, ParamError> {
    let tree = Node::build(params)?;
    let result = serde_path_to_error::deserialize(NodeDe { node: tree });
    result.map_err(|err| {
        let path = wire_path(err.path());
        match err.into_inner() {
            DeError::Missing(field) => ParamError::Missing(join_path(&path, field)),
            DeError::Other(reason) => ParamError::Invalid { name: path, reason },
        }
    })
}

/// Parses like [`from_params`] and also names every parameter the type did not take, without
/// its list indices (`NetworkInterface.QueueNumber` for `NetworkInterface.2.QueueNumber`), so a
/// server can tell a documented parameter it does not support from an unknown one.
pub fn from_params_noting_unused<T: DeserializeOwned>(
    params: &Params,
) -> Result<(T, Vec<String>), ParamError> {
    let tree = Node::build(params)?;
    let mut unused = Vec::new();
    let mut note = |path: serde_ignored::Path<'_>| unused.push(unindexed(&path));
    let ignoring = serde_ignored::Deserializer::new(NodeDe { node: tree }, &mut note);
    let value = serde_path_to_error::deserialize(ignoring).map_err(|err| {
        let path = wire_path(err.path());
        match err.into_inner() {
            DeError::Missing(field) => ParamError::Missing(join_path(&path, field)),
            DeError::Other(reason) => ParamError::Invalid { name: path, reason },
        }
    })?;
    Ok((value, unused))
}

/// A path of names with the list indices left out.
fn unindexed(path: &serde_ignored::Path<'_>) -> String {
    use serde_ignored::Path;
    match path {
        Path::Root => String::new(),
        Path::Map { parent, key } => join_path(&unindexed(parent), key),
        Path::Seq { parent, .. }
        | Path::Some { parent }
        | Path::NewtypeStruct { parent }
        | Path::NewtypeVariant { parent } => unindexed(parent),
    }
}

fn wire_path(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for seg in path.iter() {
        let part = match seg {
            Segment::Seq { index } => (index + 1).to_string(),
            Segment::Map { key } => key.clone(),
            Segment::Enum { variant } => variant.clone(),
            Segment::Unknown => continue,
        };
        out = join_path(&out, &part);
    }
    out
}

fn join_path(prefix: &str, name: &str) -> String {
    if prefix.is_empty() || prefix == "?" {
        name.to_owned()
    } else {
        format!("{prefix}.{name}")
    }
}

/// The dotted parameter names rebuilt as a tree.
#[derive(Debug)]
enum Node {
    Leaf(String),
    Branch(BTreeMap<String, Node>),
}

impl Node {
    fn build(params: &Params) -> Result<Node, ParamError> {
        let mut root = BTreeMap::new();
        for (name, value) in params {
            if COMMON_PARAMS.contains(&name.as_str()) {
                continue;
            }
            let parts: Vec<&str> = name.split('.').collect();
            insert(&mut root, name, &parts, value)?;
        }
        Ok(Node::Branch(root))
    }
}

fn insert(
    map: &mut BTreeMap<String, Node>,
    full: &str,
    parts: &[&str],
    value: &str,
) -> Result<(), ParamError> {
    let conflict = || ParamError::Invalid {
        name: full.to_owned(),
        reason: "it is given both as a value and as a list or object".to_owned(),
    };
    match parts {
        [] => Ok(()),
        [last] => match map.insert((*last).to_owned(), Node::Leaf(value.to_owned())) {
            None => Ok(()),
            Some(_) => Err(conflict()),
        },
        [head, rest @ ..] => {
            match map
                .entry((*head).to_owned())
                .or_insert_with(|| Node::Branch(BTreeMap::new()))
            {
                Node::Branch(child) => insert(child, full, rest, value),
                Node::Leaf(_) => Err(conflict()),
            }
        }
    }
}

/// Errors inside the tree deserializer; `Missing` keeps the field name for `MissingParameter`.
#[derive(Debug)]
enum DeError {
    Missing(&'static str),
    Other(String),
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Missing(field) => write!(f, "missing {field}"),
            Self::Other(msg) => f.write_str(msg),
        }
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<M: fmt::Display>(msg: M) -> Self {
        Self::Other(msg.to_string())
    }
    fn missing_field(field: &'static str) -> Self {
        Self::Missing(field)
    }
}

struct NodeDe {
    node: Node,
}

impl NodeDe {
    fn leaf(self) -> Result<String, DeError> {
        match self.node {
            Node::Leaf(s) => Ok(s),
            Node::Branch(_) => Err(DeError::Other("expected a single value".to_owned())),
        }
    }
    fn parse<T: std::str::FromStr>(self, what: &str) -> Result<T, DeError> {
        let text = self.leaf()?;
        text.trim()
            .parse()
            .map_err(|_| DeError::Other(format!("\"{text}\" is not {what}")))
    }
}

macro_rules! parse_number {
    ($($method:ident $visit:ident $ty:ty),*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
            visitor.$visit(self.parse::<$ty>("a number")?)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for NodeDe {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.node {
            Node::Leaf(s) => visitor.visit_string(s),
            Node::Branch(map) => visitor.visit_map(MapAccess::new(map)),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let text = self.leaf()?;
        match text.to_ascii_lowercase().as_str() {
            "true" => visitor.visit_bool(true),
            "false" => visitor.visit_bool(false),
            _ => Err(DeError::Other(format!("\"{text}\" is not true or false"))),
        }
    }

    parse_number!(
        deserialize_u8 visit_u8 u8, deserialize_u16 visit_u16 u16, deserialize_u32 visit_u32 u32,
        deserialize_u64 visit_u64 u64, deserialize_i8 visit_i8 i8, deserialize_i16 visit_i16 i16,
        deserialize_i32 visit_i32 i32, deserialize_i64 visit_i64 i64, deserialize_f32 visit_f32 f32,
        deserialize_f64 visit_f64 f64
    );

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let Node::Branch(map) = self.node else {
            return Err(DeError::Other(
                "expected a list (Name.1, Name.2, ...)".to_owned(),
            ));
        };
        let mut items = Vec::with_capacity(map.len());
        for (key, node) in map {
            match key.parse::<usize>() {
                Ok(n) if n >= 1 => items.push((n, node)),
                _ => {
                    return Err(DeError::Other(format!(
                        "list index \"{key}\" must be 1 or more"
                    )));
                }
            }
        }
        items.sort_by_key(|(n, _)| *n);
        visitor.visit_seq(SeqAccess {
            items: items.into_iter().map(|(_, n)| n),
        })
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_map(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.node {
            Node::Branch(map) => visitor.visit_map(MapAccess::new(map)),
            Node::Leaf(_) => Err(DeError::Other("expected Name.Field parameters".to_owned())),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let text = self.leaf()?;
        visitor.visit_enum(IntoDeserializer::<DeError>::into_deserializer(text))
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        char str string bytes byte_buf unit unit_struct tuple tuple_struct identifier i128 u128
    }
}

struct MapAccess {
    entries: std::collections::btree_map::IntoIter<String, Node>,
    pending: Option<Node>,
}

impl MapAccess {
    fn new(map: BTreeMap<String, Node>) -> Self {
        Self {
            entries: map.into_iter(),
            pending: None,
        }
    }
}

impl<'de> de::MapAccess<'de> for MapAccess {
    type Error = DeError;
    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let Some((key, node)) = self.entries.next() else {
            return Ok(None);
        };
        self.pending = Some(node);
        seed.deserialize(IntoDeserializer::<DeError>::into_deserializer(key))
            .map(Some)
    }
    fn next_value_seed<S: de::DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<S::Value, DeError> {
        let node = self
            .pending
            .take()
            .ok_or_else(|| DeError::Other("value without a name".into()))?;
        seed.deserialize(NodeDe { node })
    }
}

struct SeqAccess<I> {
    items: I,
}

impl<'de, I: Iterator<Item = Node>> de::SeqAccess<'de> for SeqAccess<I> {
    type Error = DeError;
    fn next_element_seed<T: de::DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        match self.items.next() {
            Some(node) => seed.deserialize(NodeDe { node }).map(Some),
            None => Ok(None),
        }
    }
}

/// A list parameter that Alibaba takes as one JSON-array string (`InstanceIds=["i-1","i-2"]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonArray<T>(pub Vec<T>);

impl<T: Serialize> Serialize for JsonArray<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let text = serde_json::to_string(&self.0).map_err(serde::ser::Error::custom)?;
        s.serialize_str(&text)
    }
}

impl<'de, T: DeserializeOwned> serde::Deserialize<'de> for JsonArray<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        serde_json::from_str(&text)
            .map(JsonArray)
            .map_err(|e| de::Error::custom(format!("expected a JSON array: {e}")))
    }
}

#[cfg(test)]
impl<T: proptest::arbitrary::Arbitrary + std::fmt::Debug + 'static> proptest::arbitrary::Arbitrary
    for JsonArray<T>
{
    type Parameters = ();
    type Strategy = proptest::strategy::BoxedStrategy<Self>;
    fn arbitrary_with(_: ()) -> Self::Strategy {
        use proptest::strategy::Strategy;
        proptest::collection::vec(proptest::arbitrary::any::<T>(), 0..4)
            .prop_map(JsonArray)
            .boxed()
    }
}

/// A list parameter Alibaba takes as one comma-separated string (`VpcId=vpc-1,vpc-2`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommaList<T>(pub Vec<T>);

impl<T: fmt::Display> Serialize for CommaList<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let text: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        s.serialize_str(&text.join(","))
    }
}

impl<'de, T: std::str::FromStr> serde::Deserialize<'de> for CommaList<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.split(',')
            .map(str::trim)
            .filter(|item| !item.is_empty())
            .map(|item| {
                item.parse()
                    .map_err(|_| de::Error::custom(format!("\"{item}\" is not a valid value")))
            })
            .collect::<Result<_, _>>()
            .map(CommaList)
    }
}

#[cfg(test)]
impl<T: proptest::arbitrary::Arbitrary + std::fmt::Debug + 'static> proptest::arbitrary::Arbitrary
    for CommaList<T>
{
    type Parameters = ();
    type Strategy = proptest::strategy::BoxedStrategy<Self>;
    fn arbitrary_with(_: ()) -> Self::Strategy {
        use proptest::strategy::Strategy;
        proptest::collection::vec(proptest::arbitrary::any::<T>(), 1..4)
            .prop_map(CommaList)
            .boxed()
    }
}

/// Decodes the app's JSON for a request, refusing any field the type does not know (a typo must
/// not silently drop a filter or a safety flag).
pub fn from_json_strict<T: DeserializeOwned>(body: &[u8]) -> Result<T, ParamError> {
    let mut unknown = Vec::new();
    let de = &mut serde_json::Deserializer::from_slice(body);
    let value: T = serde_ignored::deserialize(&mut *de, |path| unknown.push(path.to_string()))
        .map_err(|e| {
            let text = e.to_string();
            // serde_json says "missing field `X` at line 1 column 9": keep Alibaba's distinction.
            match text
                .strip_prefix("missing field `")
                .and_then(|r| r.split_once('`'))
            {
                Some((field, _)) => ParamError::Missing(field.to_owned()),
                None => ParamError::Invalid {
                    name: "body".to_owned(),
                    reason: text,
                },
            }
        })?;
    // Only whitespace may follow: anything else would be dropped unread.
    de.end().map_err(|e| ParamError::Invalid {
        name: "body".to_owned(),
        reason: e.to_string(),
    })?;
    match unknown.first() {
        None => Ok(value),
        Some(name) => Err(ParamError::Invalid {
            name: name.clone(),
            reason: "this parameter is not accepted by this action".to_owned(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct Nic {
        v_switch_id: String,
        #[serde(default)]
        security_group_ids: Vec<String>,
        delete_on_release: Option<bool>,
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct Req {
        region_id: String,
        amount: Option<u32>,
        #[serde(default)]
        network_interface: Vec<Nic>,
    }

    fn sample() -> Req {
        Req {
            region_id: "cn-hangzhou".into(),
            amount: Some(2),
            network_interface: vec![Nic {
                v_switch_id: "vsw-1".into(),
                security_group_ids: vec!["sg-1".into(), "sg-2".into()],
                delete_on_release: Some(false),
            }],
        }
    }

    #[test]
    fn nested_lists_flatten_to_one_based_dotted_names() {
        let p = to_params(&sample());
        assert_eq!(p["NetworkInterface.1.VSwitchId"], "vsw-1");
        assert_eq!(p["NetworkInterface.1.SecurityGroupIds.2"], "sg-2");
        assert_eq!(p["NetworkInterface.1.DeleteOnRelease"], "false");
        assert_eq!(p["Amount"], "2");
        assert_eq!(from_params::<Req>(&p).unwrap(), sample());
    }

    #[test]
    fn booleans_parse_case_insensitively_and_common_params_are_ignored() {
        let mut p = to_params(&sample());
        p.insert("NetworkInterface.1.DeleteOnRelease".into(), "True".into());
        p.insert("SignatureNonce".into(), "abc".into());
        let back: Req = from_params(&p).unwrap();
        assert_eq!(back.network_interface[0].delete_on_release, Some(true));
    }

    #[test]
    fn a_missing_nested_field_is_named_by_its_wire_path() {
        let mut p = to_params(&sample());
        p.remove("NetworkInterface.1.VSwitchId");
        let err = from_params::<Req>(&p).unwrap_err();
        assert_eq!(
            err,
            ParamError::Missing("NetworkInterface.1.VSwitchId".into())
        );
        p.insert("NetworkInterface.1.VSwitchId".into(), "vsw-1".into());
        p.remove("RegionId");
        assert_eq!(
            from_params::<Req>(&p).unwrap_err(),
            ParamError::Missing("RegionId".into())
        );
    }

    #[test]
    fn a_bad_number_is_invalid_with_its_name() {
        let mut p = to_params(&sample());
        p.insert("Amount".into(), "two".into());
        match from_params::<Req>(&p).unwrap_err() {
            ParamError::Invalid { name, reason } => {
                assert_eq!(name, "Amount");
                assert!(reason.contains("two"), "{reason}");
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn lists_are_ordered_by_index_not_text() {
        let mut p = Params::new();
        p.insert("RegionId".into(), "r".into());
        p.insert("NetworkInterface.10.VSwitchId".into(), "ten".into());
        p.insert("NetworkInterface.2.VSwitchId".into(), "two".into());
        let r: Req = from_params(&p).unwrap();
        let names: Vec<_> = r
            .network_interface
            .iter()
            .map(|n| n.v_switch_id.as_str())
            .collect();
        assert_eq!(names, ["two", "ten"]);
    }

    #[test]
    fn strict_json_rejects_unknown_fields_by_name() {
        let err = from_json_strict::<Req>(br#"{"RegionId":"r","Amout":1}"#).unwrap_err();
        assert!(
            matches!(err, ParamError::Invalid { ref name, .. } if name == "Amout"),
            "{err:?}"
        );
        assert!(from_json_strict::<Req>(br#"{"RegionId":"r","Amount":1}"#).is_ok());
    }

    #[test]
    fn strict_json_refuses_anything_after_the_object() {
        // A second object would be dropped unread, its flags with it (serde_json::from_slice,
        // which the sign-in body used before, refuses it too).
        for body in [
            &br#"{"RegionId":"r"} {"Amount":1}"#[..],
            br#"{"RegionId":"r"}x"#,
            br#"{"RegionId":"r"},"#,
        ] {
            let err = from_json_strict::<Req>(body).unwrap_err();
            assert!(
                matches!(err, ParamError::Invalid { ref name, .. } if name == "body"),
                "{err:?}"
            );
        }
        assert!(from_json_strict::<Req>(b"{\"RegionId\":\"r\"}\n").is_ok());
    }

    #[test]
    fn strict_json_names_a_missing_field_as_missing() {
        let err = from_json_strict::<Req>(br#"{"Amount":1}"#).unwrap_err();
        assert_eq!(err, ParamError::Missing("RegionId".into()));
    }

    #[test]
    fn parameters_a_type_does_not_take_are_named_without_list_indices() {
        let mut p = to_params(&sample());
        p.insert("Ipv6AddressCount".into(), "2".into());
        p.insert("NetworkInterface.1.QueueNumber".into(), "8".into());
        p.insert("SignatureNonce".into(), "common, never reported".into());
        let (req, unused) = from_params_noting_unused::<Req>(&p).unwrap();
        assert_eq!(req, sample());
        assert_eq!(unused, ["Ipv6AddressCount", "NetworkInterface.QueueNumber"]);
    }

    #[test]
    fn comma_list_params_travel_as_one_string() {
        #[derive(Serialize, Deserialize, Debug, PartialEq)]
        #[serde(rename_all = "PascalCase")]
        struct D {
            vpc_id: Option<CommaList<u32>>,
        }
        let d = D {
            vpc_id: Some(CommaList(vec![1, 2])),
        };
        let p = to_params(&d);
        assert_eq!(p["VpcId"], "1,2");
        assert_eq!(from_params::<D>(&p).unwrap(), d);
        let mut p = Params::new();
        p.insert("VpcId".into(), "3, 4,".into());
        assert_eq!(
            from_params::<D>(&p).unwrap().vpc_id,
            Some(CommaList(vec![3, 4]))
        );
        p.insert("VpcId".into(), "3,x".into());
        assert!(from_params::<D>(&p).is_err());
    }

    #[test]
    fn json_array_params_travel_as_one_string() {
        #[derive(Serialize, Deserialize, Debug, PartialEq)]
        #[serde(rename_all = "PascalCase")]
        struct D {
            instance_ids: Option<JsonArray<String>>,
        }
        let d = D {
            instance_ids: Some(JsonArray(vec!["i-1".into(), "i-2".into()])),
        };
        let p = to_params(&d);
        assert_eq!(p["InstanceIds"], r#"["i-1","i-2"]"#);
        assert_eq!(from_params::<D>(&p).unwrap(), d);
    }
}
