//! Interactive sessions on a real pseudo-terminal: the menus a merchant sees, driven by the
//! keys they press (j/k or arrows to move, Enter to choose, q or Esc to quit), in both
//! languages.

use crate::common;

use std::time::Duration;

use common::{Env, json};
use expectrl::{Expect, Session};

const DOWN: &str = "j";
const ENTER: &str = "\r";

/// `posdoctor ARGS` on a pseudo-terminal, with the test's own directories.
fn spawn(env: &Env, args: &[&str]) -> expectrl::session::OsSession {
    let mut cmd = env.std_cmd();
    cmd.env("TERM", "xterm-256color").args(args);
    let mut s = Session::spawn(cmd).expect("spawn on a pty");
    // Generous: a debug build on a loaded CI machine; a hang still fails the test.
    s.set_expect_timeout(Some(Duration::from_secs(30)));
    s
}

/// Moves down `n` items and chooses.
fn choose(s: &mut expectrl::session::OsSession, n: usize) {
    for _ in 0..n {
        s.send(DOWN).unwrap();
    }
    s.send(ENTER).unwrap();
}

/// With no profile, `fix` first offers to create one or to practise against the simulator;
/// this goes on without one (the third choice).
fn go_on_without_a_profile(s: &mut expectrl::session::OsSession) {
    s.expect("posdoctor profile init").unwrap();
    s.expect("--demo").unwrap();
    choose(s, 2);
}

fn exit_code(s: &mut expectrl::session::OsSession) -> i32 {
    s.expect(expectrl::Eof).ok();
    match s.get_process().wait().unwrap() {
        expectrl::process::unix::WaitStatus::Exited(_, code) => code,
        other => panic!("not exited: {other:?}"),
    }
}

/// The incidents the sessions left, oldest first.
fn incidents(env: &Env) -> Vec<serde_json::Value> {
    let out = env
        .cmd()
        // Walks against the simulator are training records, listed only when asked.
        .args(["--json", "incident", "list", "--training"])
        .output()
        .unwrap();
    let mut v = json(&out)["incidents"].as_array().unwrap().clone();
    v.reverse();
    v
}

#[test]
fn english_walk_with_back_then_resolved() {
    let env = Env::new();
    let mut s = spawn(&env, &["--lang", "en", "fix", "declined"]);
    go_on_without_a_profile(&mut s);
    s.expect("What did the terminal print or show?").unwrap();
    // The first branch: insufficient funds.
    s.expect("Insufficient funds").unwrap();
    choose(&mut s, 0);
    s.expect("Say sorry to the customer").unwrap();
    s.expect("Did that fix it?").unwrap();
    // No: on to the next step.
    choose(&mut s, 1);
    s.expect("The decision is the issuing bank's").unwrap();
    s.expect("Back").unwrap();
    // Back (after Yes, No): the first step again.
    choose(&mut s, 2);
    s.expect("Say sorry to the customer").unwrap();
    // Yes this time.
    choose(&mut s, 0);
    s.expect("Resolved.").unwrap();
    s.expect("Recorded as incident #1.").unwrap();
    assert_eq!(exit_code(&mut s), 0);
    let log = incidents(&env);
    assert_eq!(log.len(), 1);
    assert_eq!(log[0]["outcome"], "resolved");
    // Going back took the "no" out of the record.
    let steps: Vec<String> = log[0]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            format!(
                "{}={}",
                s["node"].as_str().unwrap(),
                s["answer"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(steps, ["cause=funds", "funds.1=yes"]);
}

#[test]
fn english_restart_goes_back_to_the_first_question() {
    let env = Env::new();
    let mut s = spawn(&env, &["--lang", "en", "fix"]);
    go_on_without_a_profile(&mut s);
    // No category given: asked first.
    s.expect("What happened at the terminal?").unwrap();
    // no-response is the second category.
    choose(&mut s, 1);
    s.expect("What happened after the card was read?").unwrap();
    choose(&mut s, 0);
    s.expect("Did that fix it?").unwrap();
    // Start over: Yes, No, Back, Start over.
    choose(&mut s, 3);
    s.expect("What happened at the terminal?").unwrap();
    // Quit with q.
    s.send("q").unwrap();
    s.expect("Quit before the guide ended").unwrap();
    assert_eq!(exit_code(&mut s), 130);
    // Quit before a category was chosen: nothing to record.
    assert!(incidents(&env).is_empty());
}

#[test]
fn chinese_walk_quit_is_recorded_as_abandoned() {
    let env = Env::new();
    let mut s = spawn(&env, &["--lang", "zh", "fix", "no-response"]);
    go_on_without_a_profile(&mut s);
    s.expect("读卡之后发生了什么？").unwrap();
    choose(&mut s, 0);
    s.expect("问题解决了吗？").unwrap();
    s.expect("返回上一步").unwrap();
    // Quit from the menu: Yes, No, Back, Start over, Quit.
    choose(&mut s, 4);
    s.expect("引导未完成即退出").unwrap();
    s.expect("已记入故障记录 #1").unwrap();
    assert_eq!(exit_code(&mut s), 130);
    let log = incidents(&env);
    assert_eq!(log[0]["outcome"], "abandoned");
    assert_eq!(log[0]["category"], "no-response");
}

#[test]
fn chinese_triage_confirm_and_back() {
    let env = Env::new();
    let mut s = spawn(
        &env,
        &[
            "--lang",
            "zh",
            "fix",
            "--symptom",
            "ka卡显示余额不足,顾客很着急",
        ],
    );
    s.expect("交易失败 · 持卡人资金").unwrap();
    go_on_without_a_profile(&mut s);
    s.expect("按这个类别开始排障吗？").unwrap();
    s.send("y").unwrap();
    s.expect("向顾客致歉").unwrap();
    // 否: the next step; then back.
    choose(&mut s, 1);
    s.expect("这是发卡行的决定").unwrap();
    choose(&mut s, 2);
    s.expect("向顾客致歉").unwrap();
    choose(&mut s, 1);
    s.expect("这是发卡行的决定").unwrap();
    choose(&mut s, 1);
    // Third and last step: no → escalate, with the ticket.
    s.expect("请顾客换一张卡").unwrap();
    choose(&mut s, 1);
    // The RRN for the ticket: a wrong one is refused, then the right one.
    s.expect("小票上的参考号").unwrap();
    s.send_line("123").unwrap();
    s.expect("参考号（37 域）为 12 位字母或数字").unwrap();
    s.send("\x7f\x7f\x7f").unwrap();
    s.send_line("000000000042").unwrap();
    s.expect("发给收单机构的工单").unwrap();
    s.expect("【POS 故障工单】").unwrap();
    s.expect("000000000042").unwrap();
    assert_eq!(exit_code(&mut s), 1);
    let log = incidents(&env);
    assert_eq!(log[0]["outcome"], "escalated");
    assert_eq!(log[0]["rrn"], "000000000042");
}

#[test]
fn automatic_checks_run_inline_in_the_demo() {
    let env = Env::new();
    let mut s = spawn(
        &env,
        &[
            "--lang",
            "en",
            "fix",
            "no-response",
            "--cause",
            "network",
            "--demo",
            "--fault",
            "refuse",
        ],
    );
    s.expect("Did that fix it?").unwrap();
    choose(&mut s, 1);
    s.expect("Check the link").unwrap();
    choose(&mut s, 1);
    // The network check runs by itself against the simulator, which refuses connections.
    s.expect("Running:").unwrap();
    s.expect("connection refused").unwrap();
    s.expect("communication settings").unwrap();
    s.send("q").unwrap();
    assert_eq!(exit_code(&mut s), 130);
    let log = incidents(&env);
    assert_eq!(
        log[0]["training"], true,
        "a walk against the simulator is training"
    );
    let steps = log[0]["steps"].as_array().unwrap();
    let check = steps.iter().find(|s| s["node"] == "network.3").unwrap();
    assert_eq!(check["answer"], "fail");
    assert_eq!(check["auto"], true);
}

#[test]
fn chinese_profile_init_asks_validates_and_writes() {
    let env = Env::new();
    let mut s = spawn(&env, &["--lang", "zh", "profile", "init"]);
    s.expect("配置档名称").unwrap();
    s.send_line("shop").unwrap();
    s.expect("商户号").unwrap();
    // Too short: refused in the user's language, asked again.
    s.send_line("12345").unwrap();
    s.expect("银联商户号是 15 位字母或数字").unwrap();
    // Clear the rejected text before the right one.
    s.send("\x7f\x7f\x7f\x7f\x7f").unwrap();
    s.send_line("898310054111234").unwrap();
    s.expect("终端号").unwrap();
    s.send_line("10000001").unwrap();
    // The optional ones: Enter leaves them out.
    for label in [
        "商户名称",
        "MCC",
        "币种",
        "地区码",
        "收单主机",
        "TPDU",
        "应用头",
        "网关 API 地址",
        "TMK 密钥文件路径",
    ] {
        s.expect(label).unwrap();
        s.send_line("").unwrap();
    }
    assert_eq!(exit_code(&mut s), 0);
    let config = std::fs::read_to_string(env.config_file()).unwrap();
    assert!(config.contains("[profiles.shop]"), "{config}");
    assert!(
        config.contains("merchant_id = \"898310054111234\""),
        "{config}"
    );
}

#[test]
fn chinese_unsure_triage_asks_then_walks_the_guide() {
    let env = Env::new();
    let mut s = spawn(&env, &["--lang", "zh", "fix", "--symptom", "刷卡有问题"]);
    s.expect("根据描述还无法判断失败类别").unwrap();
    go_on_without_a_profile(&mut s);
    // Nothing to go on: was the card charged? Yes (the first answer).
    s.expect("持卡人的卡被扣款了吗（扣款短信、银行账单）？")
        .unwrap();
    choose(&mut s, 0);
    // Charged: no-response or not-credited; a slip tells them apart. No slip.
    s.expect("终端打出签购单（小票）了吗？").unwrap();
    choose(&mut s, 1);
    // The no-response guide.
    s.expect("读卡之后发生了什么？").unwrap();
    s.send("q").unwrap();
    assert_eq!(exit_code(&mut s), 130);
    let log = incidents(&env);
    assert_eq!(log.len(), 1);
    assert_eq!(log[0]["category"], "no-response");
    let steps: Vec<String> = log[0]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            format!(
                "{}={}",
                s["node"].as_str().unwrap(),
                s["answer"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(steps, ["charged=yes", "slip=no"]);
}

/// A session on an 80×24 pseudo-terminal whose output is also fed to a terminal emulator, so
/// that a test can look at the screen as the user sees it after the redraws.
struct Screen {
    s: expectrl::session::OsSession,
    term: vt100::Parser,
}

impl Screen {
    fn spawn(env: &Env, args: &[&str]) -> Screen {
        let mut s = spawn(env, args);
        s.get_process_mut().set_window_size(80, 24).unwrap();
        // Tall enough that nothing scrolls away: every line written stays to be counted.
        Screen {
            s,
            term: vt100::Parser::new(
                std::num::NonZeroU16::new(400).unwrap(),
                std::num::NonZeroU16::new(80).unwrap(),
                0,
            ),
        }
    }

    fn expect(&mut self, text: &str) {
        let found = self
            .s
            .expect(text)
            .unwrap_or_else(|e| panic!("`{text}`: {e}\n{}", self.contents()));
        self.term.process(found.as_bytes());
    }

    fn send(&mut self, keys: &str) {
        self.s.send(keys).unwrap();
    }

    fn contents(&self) -> String {
        self.term.screen().contents()
    }

    /// Waits for the end and takes in everything written before it.
    fn finish(&mut self) -> i32 {
        if let Ok(found) = self.s.expect(expectrl::Eof) {
            self.term.process(found.as_bytes());
        }
        match self.s.get_process().wait().unwrap() {
            expectrl::process::unix::WaitStatus::Exited(_, code) => code,
            other => panic!("not exited: {other:?}"),
        }
    }
}

/// The step after "No" is wider than 80 columns in Chinese. dialoguer redraws by moving up
/// the lines it counted: a prompt the terminal had wrapped left its first line behind, and
/// the step stood on the screen twice. Here each answered step stays exactly once (as the
/// line that records the answer), after No, Back and Start over.
#[test]
fn chinese_walk_with_a_step_wider_than_the_terminal_redraws_in_place() {
    let env = Env::new();
    let mut t = Screen::spawn(&env, &["--lang", "zh", "fix", "declined", "--no-record"]);
    // No profile: go on without one.
    t.expect("--demo");
    t.send(DOWN);
    t.send(DOWN);
    t.send(ENTER);
    t.expect("余额不足");
    t.send(ENTER);
    t.expect("向顾客致歉");
    t.expect("退出");
    // No: on to the wide step.
    t.send(DOWN);
    t.send(ENTER);
    t.expect("这是发卡行的决定");
    t.expect("退出");
    // Move through the menu (each key redraws it), then Back.
    t.send(DOWN);
    t.send(DOWN);
    t.send(ENTER);
    t.expect("向顾客致歉");
    t.expect("退出");
    // No again, then Start over.
    t.send(DOWN);
    t.send(ENTER);
    t.expect("这是发卡行的决定");
    t.expect("退出");
    for _ in 0..3 {
        t.send(DOWN);
    }
    t.send(ENTER);
    t.expect("终端打印或显示了什么");
    t.expect("退出");
    t.send("q");
    t.finish();
    let screen = t.contents();
    // Each step was answered twice (No, then Back or Start over): twice on the screen,
    // as the lines that record the answers, no more.
    assert_eq!(screen.matches("这是发卡行的决定").count(), 2, "{screen}");
    assert_eq!(screen.matches("向顾客致歉").count(), 2, "{screen}");
    fits(&screen);
}

/// `profile init` refuses a bad name the moment it is typed (not after every question),
/// the error is shown whole, and nothing is written when the session is left.
#[test]
fn chinese_profile_init_refuses_a_bad_name_at_once() {
    let env = Env::new();
    let mut t = Screen::spawn(&env, &["--lang", "zh", "profile", "init"]);
    t.expect("配置档名称");
    t.send("店铺1\r");
    t.expect("错误");
    // Still at the name: the merchant ID is not asked yet.
    std::thread::sleep(Duration::from_millis(300));
    t.send("\x03");
    t.finish();
    let screen = t.contents();
    assert!(!screen.contains("商户号"), "{screen}");
    assert!(screen.contains("店铺1"), "{screen}");
    assert!(!env.config_file().exists(), "nothing written");
}

/// An MCC that disagrees with the one the merchant ID carries is refused as it is typed.
#[test]
fn chinese_profile_init_cross_checks_the_mcc_with_the_merchant_id() {
    let env = Env::new();
    let mut t = Screen::spawn(&env, &["--lang", "zh", "profile", "init", "shop"]);
    t.expect("商户号");
    t.send("898310054111234\r");
    t.expect("终端号");
    t.send("10000001\r");
    t.expect("商户名称");
    t.send("\r");
    t.expect("MCC");
    t.send("5812\r");
    // The error is wider than the terminal: it is shown whole, its tail not overwritten
    // by the prompt asked again.
    t.expect("无效商户");
    // Clear the refused answer, give the right one, leave the rest empty.
    t.send("\x7f\x7f\x7f\x7f");
    t.send("5411\r");
    t.expect("币种");
    // The error is wider than the terminal: once answered, the whole of it is cleared,
    // and the answered prompts stand once each.
    let screen = t.contents();
    assert!(
        !screen.contains("无效商户") && !screen.contains("错误"),
        "{screen}"
    );
    assert_eq!(screen.matches("MCC").count(), 1, "{screen}");
    t.send("\r");
    for label in ["地区码", "收单主机", "TPDU"] {
        t.expect(label);
        t.send("\r");
    }
    t.expect("应用头");
    t.send("\r");
    t.expect("网关 API 地址");
    t.send("\r");
    t.expect("TMK 密钥文件路径");
    t.send("keys/tmk.hex\r");
    // A key file given: its check value is asked too; Enter leaves it out.
    t.expect("TMK 校验值");
    t.send("\r");
    assert_eq!(t.finish(), 0, "{}", t.contents());
    let config = std::fs::read_to_string(env.config_file()).unwrap();
    assert!(config.contains("mcc = \"5411\""), "{config}");
    assert!(config.contains("keys/tmk.hex"), "{config}");
}

/// Waits for the menu that shows `text` to be drawn whole, then chooses the item `n` down.
fn step(t: &mut Screen, text: &str, n: usize) {
    t.expect(text);
    t.expect("退出");
    for _ in 0..n {
        t.send(DOWN);
    }
    t.send(ENTER);
}

/// Every line on the screen fits its 80 columns, CJK counted as two.
fn fits(screen: &str) {
    for line in screen.lines() {
        let w = unicode_width::UnicodeWidthStr::width(line);
        assert!(w <= 80, "{w} columns: {line}");
    }
}

/// `fix` with no profile, in Chinese on an 80-column terminal: first the offer (create a
/// profile, practise against the simulator, or go on); going on, the transaction check that
/// has nothing to look in is asked as what the terminal showed, never as "自动检查 … 通过 /
/// 未通过", and the RRN is asked once, for the ticket at the end.
#[test]
fn chinese_fix_without_a_profile_asks_what_the_terminal_shows() {
    let env = Env::new();
    let mut t = Screen::spawn(
        &env,
        &["--lang", "zh", "fix", "no-response", "--cause", "hardware"],
    );
    t.expect("还没有配置档");
    t.expect("posdoctor profile init");
    step(&mut t, "--demo", 2);
    // No slip, nothing found: "do not charge again, query first".
    step(&mut t, "这笔交易终端打出签购单了吗", 1);
    step(&mut t, "不要再次刷卡", 1);
    step(&mut t, "检查硬件", 1);
    step(&mut t, "重启终端", 1);
    t.expect("小票上的参考号");
    t.send("000000000042\r");
    t.expect("【POS 故障工单】");
    assert_eq!(t.finish(), 1);
    let screen = t.contents();
    assert!(
        !screen.contains("自动检查") && !screen.contains("正在执行"),
        "{screen}"
    );
    assert_eq!(screen.matches("小票上的参考号").count(), 1, "{screen}");
    fits(&screen);
    let log = incidents(&env);
    assert_eq!(log[0]["rrn"], "000000000042");
    assert_ne!(log[0]["training"], true);
    let seen = &log[0]["steps"][0];
    assert_eq!(seen["node"], "hardware.1");
    assert_eq!(seen["answer"], "fail");
    assert_ne!(seen["auto"], true);
    assert!(
        seen["result"].as_str().unwrap().starts_with("终端上看到："),
        "{seen}"
    );
}

/// No profile, but a journal: the transaction check runs on it. The RRN it needs is asked
/// then, once, and the ticket at the end reuses it.
#[test]
fn chinese_fix_without_a_profile_asks_the_rrn_once() {
    let env = Env::new();
    common::import_one_sale(&env);
    let mut t = Screen::spawn(
        &env,
        &["--lang", "zh", "fix", "no-response", "--cause", "hardware"],
    );
    step(&mut t, "--demo", 2);
    t.expect("小票上的参考号");
    t.send("000000000001\r");
    // Found in the journal: the check passes by itself, on to the hardware.
    t.expect("正在执行");
    step(&mut t, "检查硬件", 1);
    step(&mut t, "重启终端", 1);
    t.expect("【POS 故障工单】");
    assert_eq!(t.finish(), 1);
    let screen = t.contents();
    assert_eq!(screen.matches("小票上的参考号").count(), 1, "{screen}");
    fits(&screen);
    let log = incidents(&env);
    assert_eq!(log[0]["rrn"], "000000000001");
    assert_eq!(log[0]["steps"][0]["auto"], true);
}

/// No profile: practising against the simulator runs the checks against it, and the walk
/// is kept as training.
#[test]
fn chinese_fix_without_a_profile_can_practise_against_the_simulator() {
    let env = Env::new();
    let mut t = Screen::spawn(
        &env,
        &["--lang", "zh", "fix", "no-response", "--cause", "network"],
    );
    step(&mut t, "--demo", 1);
    step(&mut t, "不要再次刷卡", 1);
    step(&mut t, "检查网络", 1);
    // The network check runs by itself against the simulator, which is healthy.
    t.expect("正在执行");
    t.expect("重启终端");
    t.expect("退出");
    t.send("q");
    assert_eq!(t.finish(), 130);
    fits(&t.contents());
    let log = incidents(&env);
    assert_eq!(log[0]["training"], true);
    let check = &log[0]["steps"][2];
    assert_eq!(
        (check["node"].as_str(), check["auto"].as_bool()),
        (Some("network.3"), Some(true))
    );
    assert_eq!(check["answer"], "ok");
}

/// No profile: creating one on the spot asks `profile init`'s questions, saves it, and the
/// walk's checks run against it (here a host that refuses).
#[test]
fn chinese_fix_without_a_profile_can_create_one_on_the_spot() {
    let env = Env::new();
    let mut t = Screen::spawn(
        &env,
        &["--lang", "zh", "fix", "no-response", "--cause", "network"],
    );
    step(&mut t, "--demo", 0);
    t.expect("配置档名称");
    t.send("shop\r");
    t.expect("商户号");
    t.send("898310054111234\r");
    t.expect("终端号");
    t.send("10000001\r");
    for label in ["商户名称", "MCC", "币种", "地区码"] {
        t.expect(label);
        t.send("\r");
    }
    // A loopback port nobody listens on: refused at once.
    t.expect("收单主机");
    t.send("127.0.0.1:1\r");
    for label in ["TPDU", "应用头", "网关 API 地址", "TMK 密钥文件路径"] {
        t.expect(label);
        t.send("\r");
    }
    t.expect("配置档 shop 已保存到");
    step(&mut t, "不要再次刷卡", 1);
    step(&mut t, "检查网络", 1);
    t.expect("正在执行");
    // Refused: on to the communication settings.
    t.expect("对照收单机构提供的参数单");
    t.expect("退出");
    t.send("q");
    assert_eq!(t.finish(), 130);
    fits(&t.contents());
    let config = std::fs::read_to_string(env.config_file()).unwrap();
    assert!(config.contains("[profiles.shop]"), "{config}");
    let log = incidents(&env);
    assert_eq!(log[0]["steps"][2]["answer"], "fail");
    assert_eq!(log[0]["steps"][2]["auto"], true);
}

/// With `--json` a script reads stdout: no offer is made even on a terminal, and the walk
/// starts at once.
#[test]
fn json_on_a_terminal_is_not_offered_a_profile() {
    let env = Env::new();
    let mut t = Screen::spawn(
        &env,
        &[
            "--lang", "zh", "--json", "fix", "declined", "--cause", "funds",
        ],
    );
    t.expect("向顾客致歉");
    t.expect("退出");
    t.send("q");
    assert_eq!(t.finish(), 130);
    let screen = t.contents();
    assert!(!screen.contains("posdoctor profile init"), "{screen}");
}
