//! How an answer leaves: JSON or, as Alibaba's RPC gateway also speaks it, XML, chosen by the
//! request's `Format`; the error envelope in either.

use crate::error::SimError;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use tether_domain::{ErrorEnvelope, Product};

/// The answer format a request asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `Format=JSON` (what every SDK sends), or a V3 request, which names no format.
    Json,
    /// `Format=XML`, or a V1 request that names none: XML is the documented default
    /// ("Format ... Optional values: json | xml. Default value: xml", common parameters).
    Xml,
}

impl Format {
    /// The format of a request with these parameters, signed V3 or not. A value other than
    /// JSON or XML is refused with `InvalidParameter` (the reference is silent about it) and
    /// that refusal goes out in the default format.
    pub fn of(params: &[(String, String)], v3: bool) -> Result<Self, (Self, SimError)> {
        let given = params
            .iter()
            .find(|(k, _)| k == "Format")
            .map(|(_, v)| v.as_str());
        match given.map(str::to_ascii_lowercase).as_deref() {
            Some("json") => Ok(Self::Json),
            Some("xml") => Ok(Self::Xml),
            None if v3 => Ok(Self::Json),
            None => Ok(Self::Xml),
            Some(_) => Err((
                if v3 { Self::Json } else { Self::Xml },
                SimError::Invalid(
                    "The specified parameter \"Format\" is not valid: JSON or XML.".into(),
                ),
            )),
        }
    }
}

/// `body` in `format`, with Alibaba's headers; `root` names the XML document element
/// (`DescribeRegionsResponse`, `Error`).
pub fn respond(
    format: Format,
    status: StatusCode,
    request_id: &str,
    root: &str,
    body: &Value,
) -> Response {
    let (text, content_type) = match format {
        Format::Json => (body.to_string(), "application/json;charset=utf-8"),
        // The content type of XML answers is assumed; the reference records JSON's only.
        Format::Xml => (xml_document(root, body), "text/xml;charset=utf-8"),
    };
    let mut response = (status, text).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(value) = HeaderValue::from_str(request_id) {
        headers.insert("x-acs-request-id", value);
    }
    response
}

/// Alibaba's error answer for `err`, as `product`'s gateway gives it (its `HostId` and
/// troubleshooting link).
pub fn error_response(
    err: &SimError,
    request_id: &str,
    product: Product,
    format: Format,
) -> Response {
    let envelope = ErrorEnvelope::of(product, err.code(), err.message(), request_id);
    let status = StatusCode::from_u16(err.status()).unwrap_or(StatusCode::BAD_REQUEST);
    let body = serde_json::to_value(envelope).unwrap_or_default();
    respond(format, status, request_id, "Error", &body)
}

/// The XML form of a JSON answer, as the gateway writes it: an object's fields become child
/// elements in order, a list repeats its field's element once per item (so
/// `{"Regions":{"Region":[a,b]}}` is `<Regions><Region>a</Region><Region>b</Region></Regions>`),
/// and `null` is left out.
pub fn xml_document(root: &str, body: &Value) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    element(&mut out, root, body);
    out
}

fn element(out: &mut String, name: &str, value: &Value) {
    match value {
        Value::Null => {}
        Value::Array(items) => {
            for item in items {
                element(out, name, item);
            }
        }
        Value::Object(fields) => {
            out.push_str(&format!("<{name}>"));
            for (key, child) in fields {
                element(out, key, child);
            }
            out.push_str(&format!("</{name}>"));
        }
        Value::String(text) => out.push_str(&format!("<{name}>{}</{name}>", escape(text))),
        other => out.push_str(&format!("<{name}>{other}</{name}>")),
    }
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(format: &str) -> Vec<(String, String)> {
        vec![("Format".to_owned(), format.to_owned())]
    }

    #[test]
    fn lists_repeat_their_element_and_text_is_escaped() {
        let body = serde_json::json!({
            "RequestId": "R1",
            "Regions": {"Region": [{"RegionId": "cn-hangzhou"}, {"RegionId": "a<b&c"}]},
            "TotalCount": 2,
            "Gone": null,
            "IoOptimized": true
        });
        assert_eq!(
            xml_document("DescribeRegionsResponse", &body),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><DescribeRegionsResponse>\
             <IoOptimized>true</IoOptimized>\
             <Regions><Region><RegionId>cn-hangzhou</RegionId></Region>\
             <Region><RegionId>a&lt;b&amp;c</RegionId></Region></Regions>\
             <RequestId>R1</RequestId><TotalCount>2</TotalCount></DescribeRegionsResponse>"
        );
    }

    #[test]
    fn the_format_is_asked_for_or_the_documented_default() {
        assert_eq!(Format::of(&params("JSON"), false).ok(), Some(Format::Json));
        assert_eq!(Format::of(&params("json"), true).ok(), Some(Format::Json));
        assert_eq!(Format::of(&params("XML"), true).ok(), Some(Format::Xml));
        assert_eq!(Format::of(&[], false).ok(), Some(Format::Xml));
        assert_eq!(Format::of(&[], true).ok(), Some(Format::Json));
        let refused = Format::of(&params("YAML"), false).err();
        assert_eq!(
            refused.map(|(f, e)| (f, e.code())),
            Some((Format::Xml, "InvalidParameter"))
        );
    }
}
