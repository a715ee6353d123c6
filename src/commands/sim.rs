//! `posdoctor sim`: the simulated acquirer, until Ctrl-C.

use super::Context;
use crate::cli::SimArgs;
use crate::error::{Error, Message, exit};
use crate::i18n::Msg;
use crate::sim::{Faults, Simulator};

pub fn run(ctx: &Context, args: &SimArgs) -> Result<u8, Error> {
    let faults = Faults::parse(&args.fault)?;
    let layout = crate::iso8583::Layout::builtin(&args.layout).ok_or_else(|| {
        Error::from(
            Message::new(Msg::ErrorIsoSetting)
                .arg("field", "--layout")
                .arg("value", &args.layout)
                .arg_msg("rule", Msg::RuleIsoLayout),
        )
    })?;
    let rt = crate::reach::runtime()?;
    rt.block_on(async {
        let sim = Simulator::start(args.listen, layout, faults.clone())
            .await
            .map_err(|e| Error::Io {
                message: Message::new(Msg::ErrorSimStart),
                source: e,
            })?;
        let mut profile = toml::Table::new();
        let rendered = toml::to_string(&sim.profile()).unwrap_or_default();
        if let Ok(t) = rendered.parse::<toml::Table>() {
            let mut profiles = toml::Table::new();
            profiles.insert("sim".into(), toml::Value::Table(t));
            profile.insert("profiles".into(), toml::Value::Table(profiles));
        }
        // The gateway's CA, for `--ca-file`; removed when the simulator stops.
        let mut ca = tempfile::Builder::new()
            .prefix("posdoctor-sim-ca-")
            .suffix(".pem")
            .tempfile()
            .map_err(|e| Error::Io {
                message: Message::new(Msg::ErrorSimStart),
                source: e,
            })?;
        std::io::Write::write_all(&mut ca, sim.ca_pem.as_bytes()).map_err(|e| Error::Io {
            message: Message::new(Msg::ErrorSimStart),
            source: e,
        })?;
        let text = crate::render::sim_banner(
            &ctx.out,
            &sim.iso.to_string(),
            &sim.gateway.to_string(),
            &sim.dns.to_string(),
            &ca.path().display().to_string(),
            &args.fault,
            &toml::to_string(&profile).unwrap_or_default(),
        );
        ctx.out.emit(&text)?;
        // Ctrl-C or SIGTERM is how the simulator is meant to stop: exit 0.
        crate::interrupt::wait().await;
        crate::interrupt::acknowledge();
        ctx.out
            .emit(&format!("{}\n", ctx.out.tr(Msg::SimStopped)))?;
        Ok::<(), Error>(())
    })?;
    Ok(exit::OK)
}
