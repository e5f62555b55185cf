//! "Show the call": the flat API parameters of a request and the equivalent `aliyun` command.

use crate::invisible::invisible;
use tether_domain::{Action, Params};

/// Quotes a value for a POSIX shell only when it needs it.
fn shell_quote(value: &str) -> String {
    let plain = !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-:/@=,+%".contains(c));
    if plain {
        value.to_owned()
    } else if value.chars().any(|c| c.is_control() || invisible(c)) {
        // In single quotes a newline or a bidi override would be copied as it is, and the line
        // could read as something else than what runs: ANSI-C quoting ($'...', bash and zsh)
        // spells them (and every other non-ASCII character of such a value) as byte escapes.
        let mut out = String::from("$'");
        for c in value.chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                '\'' => out.push_str("\\'"),
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                // Bytes, not `\uXXXX`: bash reads `\u` by the shell's locale (under LC_ALL=C it
                // stays literal text), `\xHH` means the same bytes everywhere.
                c if c.is_control() || invisible(c) || !c.is_ascii() => {
                    let mut utf8 = [0; 4];
                    for b in c.encode_utf8(&mut utf8).bytes() {
                        out.push_str(&format!("\\x{b:02X}"));
                    }
                }
                c => out.push(c),
            }
        }
        out.push('\'');
        out
    } else {
        format!("'{}'", value.replace('\'', r"'\''"))
    }
}

/// The `aliyun <product> <Action> --Key value ...` command for flat parameters, one flag per
/// parameter in the order Alibaba signs them (sorted), so it reads like the signed request.
pub fn aliyun_command_for(product: &str, action: &str, params: &Params) -> String {
    let mut out = format!("aliyun {product} {action}");
    for (key, value) in params {
        out.push_str(&format!(" --{key} {}", shell_quote(value)));
    }
    out
}

/// The equivalent `aliyun` CLI command for a typed request.
pub fn aliyun_command<A: Action>(req: &A) -> String {
    aliyun_command_for(A::PRODUCT.code(), A::NAME, &req.to_params())
}

#[cfg(test)]
mod tests {
    use super::*;
    use tether_domain::AttachNetworkInterface;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn attach_command_lists_region_eni_and_instance() {
        let req = AttachNetworkInterface {
            region_id: "cn-hangzhou".parse().unwrap(),
            network_interface_id: "eni-bp1aaaa0001".parse().unwrap(),
            instance_id: "i-bp1aaaa0001".parse().unwrap(),
        };
        assert_eq!(
            aliyun_command(&req),
            "aliyun ecs AttachNetworkInterface --InstanceId i-bp1aaaa0001 \
             --NetworkInterfaceId eni-bp1aaaa0001 --RegionId cn-hangzhou"
        );
    }

    #[wasm_bindgen_test]
    fn invisible_and_control_characters_are_spelt_as_escapes() {
        let mut p = Params::new();
        p.insert("Description".into(), "a\u{202E}b\nc'd\\e".into());
        assert_eq!(
            aliyun_command_for("ecs", "CreateNetworkInterface", &p),
            r"aliyun ecs CreateNetworkInterface --Description $'a\xE2\x80\xAEb\nc\'d\\e'"
        );
    }

    #[wasm_bindgen_test]
    fn values_with_spaces_or_quotes_are_single_quoted() {
        let mut p = Params::new();
        p.insert("Description".into(), "it's web".into());
        p.insert("NetworkInterface.1.VSwitchId".into(), "vsw-abcd".into());
        assert_eq!(
            aliyun_command_for("ecs", "RunInstances", &p),
            "aliyun ecs RunInstances --Description 'it'\\''s web' \
             --NetworkInterface.1.VSwitchId vsw-abcd"
        );
        assert_eq!(shell_quote(""), "''");
    }
}
