// The participant's page: join, then answer the audit, propose wording and sign for your team,
// following what the facilitator puts on the screen. Every element is made with
// document.createElement and filled with textContent: nothing the room sends becomes markup.
"use strict";

const POSITIONS = [
  ["endorse", "Endorse", "We like it"],
  ["agree-with-reservations", "Agree with reservations", "We can live with it, and say what worries us"],
  ["stand-aside", "Stand aside", "We do not need it, and will not stand in the way"],
  ["disagree", "Disagree", "We disagree, and say so, but will not block it"],
  ["block", "Block", "We cannot accept it as written"],
];

let state = null;
// What the person is typing or choosing, kept across updates from the room.
const drafts = { audit: {}, recognised: new Set(), positions: {}, reasons: {}, wordings: {}, dots: {} };
// The last answer of the room to each form, shown under it.
const notes = {};
// Texts that changed under a signature: the new text the room sent back.
const changed = {};

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (name === "text") node.textContent = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

function setStatus(text) {
  document.getElementById("status").textContent = text;
}

async function send(path, body) {
  try {
    const response = await fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      credentials: "same-origin",
    });
    const answer = await response.json().catch(() => ({}));
    return { ok: response.ok, status: response.status, ...answer };
  } catch (error) {
    return { ok: false, error: "The room could not be reached. Check the Wi-Fi and send it again." };
  }
}

function note(key) {
  const answer = notes[key];
  // Nothing to say yet: an empty text, so it can be appended like a note.
  if (!answer || !answer.text) return document.createTextNode("");
  return el("p", { class: answer.ok ? "note ok" : "note error", role: "status", text: answer.text });
}

function render() {
  const main = document.getElementById("main");
  main.replaceChildren();
  if (!state) return;
  const room = state.room;
  main.append(el("h1", { text: room.title || "The workshop" }));
  if (!state.me.name || state.me.team === null) {
    main.append(joinForm(room));
    return;
  }
  const team = room.teams.find((t) => t.id === state.me.team);
  setStatus(`${state.me.name} · ${team ? team.name : ""}`);
  main.append(el("p", { class: "weak", text: `On the screen: ${room.step}` }));
  if (room.locked) {
    main.append(el("p", { class: "note error", text: "The facilitator has paused input. You can read along." }));
  }
  if (room.vote) main.append(voteForm(room));
  if (room.questions.length > 0) main.append(auditForm(room));
  for (const agreement of room.agreements) main.append(agreementCard(room, agreement));
  if (room.questions.length === 0 && room.agreements.length === 0 && !room.vote) {
    main.append(el("div", { class: "card" },
      el("p", { text: "Nothing to answer on this step. Follow the screen; this page moves with it." })));
  }
}

// Up to this many people the facilitator listed are shown as names to tap; a longer list
// (a room of hundreds) is found by typing, a few names at a time.
const LISTED = 12;
const SUGGESTED = 8;

// Lower case, without accents: "José" is found by typing "jose". Letters whose accent is
// part of the letter, not a mark beside it, are spelled as a keyboard without them would.
const PLAIN = { "ł": "l", "ø": "o", "đ": "d", "ð": "d", "ħ": "h", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th" };
function fold(text) {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/[łøđðħıßæœþ]/g, (c) => PLAIN[c]);
}

function joinForm(room) {
  const card = el("div", { class: "card" }, el("h2", { text: "Who are you?" }));
  const name = el("input", { type: "text", id: "name", maxlength: "80", autocomplete: "name" });
  name.value = drafts.name || "";
  name.addEventListener("input", () => { drafts.name = name.value; });
  const teams = el("select", { id: "team" }, el("option", { value: "", text: "Choose your team" }));
  for (const team of room.teams) teams.append(el("option", { value: String(team.id), text: team.name }));
  teams.value = drafts.team || "";
  teams.addEventListener("change", () => { drafts.team = teams.value; });
  const personButton = (person) => el("button", {
    type: "button",
    text: person.name,
    onclick: () => {
      drafts.name = person.name;
      if (person.team !== null) drafts.team = String(person.team);
      render();
    },
  });
  if (room.people.length > 0 && room.people.length <= LISTED) {
    const people = el("div", { class: "choices" });
    for (const person of room.people) people.append(personButton(person));
    card.append(el("p", { class: "weak", text: "Tap your name, or type it." }), people);
  }
  card.append(el("label", { for: "name", text: "Your name" }), name);
  if (room.people.length > LISTED) {
    // Read out as it changes: how many names hold what was typed.
    const hint = el("p", { class: "weak", id: "found-note", role: "status" });
    const found = el("div", { class: "choices", id: "found" });
    const show = () => {
      const typed = fold(name.value.trim());
      found.replaceChildren();
      if (!typed) {
        hint.textContent = `${room.people.length} names are listed: type yours to find it.`;
        return;
      }
      const matches = room.people.filter((person) => fold(person.name).includes(typed));
      for (const person of matches.slice(0, SUGGESTED)) found.append(personButton(person));
      if (matches.length === 0) hint.textContent = "No listed name has that in it: type yours in full.";
      else if (matches.length > SUGGESTED) hint.textContent = `${matches.length - SUGGESTED} more: keep typing.`;
      else hint.textContent = "Tap your name.";
    };
    name.addEventListener("input", show);
    show();
    card.append(hint, found);
  }
  card.append(el("label", { for: "team", text: "The team you speak for" }), teams);
  card.append(el("button", {
    type: "button",
    class: "primary",
    text: "Join",
    onclick: async () => {
      const answer = await send("/api/hello", { name: name.value, team: Number(teams.value) });
      notes.join = { ok: answer.ok, text: answer.ok ? "" : answer.error || "Not joined." };
      refresh();
    },
  }));
  card.append(note("join"));
  return card;
}

function voteForm(room) {
  const vote = room.vote;
  const given = () => Object.values(drafts.dots).reduce((a, b) => a + b, 0);
  const card = el("div", { class: "card" }, el("h2", { text: `Vote on ${vote.on}` }),
    el("p", { class: "weak", text: `Spread your ${vote.dots} dots over what matters most. Nobody sees the tally until the facilitator shows it.` }));
  const left = el("p", { class: "signed", text: `${vote.dots - given()} dots left` });
  for (const item of vote.items) {
    const count = drafts.dots[item.key] || 0;
    const row = el("div", { class: "question" }, el("p", { text: item.text }));
    const shown = el("strong", { text: String(count), "aria-label": `${count} dots on this` });
    const less = el("button", { type: "button", text: "−", "aria-label": "One dot less",
      onclick: () => { if (count > 0) { drafts.dots[item.key] = count - 1; render(); } } });
    const more = el("button", { type: "button", text: "+", "aria-label": "One dot more",
      onclick: () => { if (given() < vote.dots) { drafts.dots[item.key] = count + 1; render(); } } });
    less.disabled = count === 0;
    more.disabled = given() >= vote.dots;
    row.append(el("div", { class: "choices" }, less, shown, more));
    card.append(row);
  }
  const button = el("button", {
    type: "button",
    class: "primary",
    text: "Send my dots",
    onclick: async () => {
      const answer = await send("/api/vote", { dots: drafts.dots });
      notes.vote = { ok: answer.ok, text: answer.ok ? "Sent. You can move your dots and send again." : answer.error };
      render();
    },
  });
  button.disabled = room.locked;
  card.append(left, button, note("vote"));
  return card;
}

function auditForm(room) {
  const card = el("div", { class: "card" }, el("h2", { text: "The alignment audit" }),
    el("p", { class: "weak", text: "Your answers are yours: the screen shows how many answered, and each team's answers only when the facilitator reveals them." }));
  for (const question of room.questions) {
    const block = el("div", { class: "question" }, el("p", { text: question.text }));
    const choices = el("div", { class: "choices", role: "group", "aria-label": question.text });
    for (const [value, label] of [["yes", "Yes"], ["no", "No"], ["dont-know", "Don't know"]]) {
      choices.append(el("button", {
        type: "button",
        text: label,
        "aria-pressed": String(drafts.audit[question.key] === value),
        onclick: () => { drafts.audit[question.key] = value; render(); },
      }));
    }
    block.append(choices);
    card.append(block);
  }
  card.append(el("p", { text: "Which of these have you heard?" }));
  for (const symptom of room.symptoms) {
    const box = el("input", { type: "checkbox", id: `symptom-${symptom.key}` });
    box.checked = drafts.recognised.has(symptom.key);
    box.addEventListener("change", () => {
      if (box.checked) drafts.recognised.add(symptom.key); else drafts.recognised.delete(symptom.key);
    });
    card.append(el("label", { class: "check", for: `symptom-${symptom.key}` }, box, el("span", { text: symptom.complaint })));
  }
  const button = el("button", {
    type: "button",
    class: "primary",
    text: "Send my answers",
    onclick: async () => {
      const answer = await send("/api/audit", { answers: drafts.audit, recognised: [...drafts.recognised] });
      notes.audit = { ok: answer.ok, text: answer.ok ? "Sent. You can change them and send again." : answer.error };
      render();
    },
  });
  button.disabled = room.locked;
  card.append(button, note("audit"));
  return card;
}

function agreementCard(room, agreement) {
  const card = el("div", { class: "card" }, el("h2", { text: agreement.name }));
  const fresh = changed[agreement.key];
  if (fresh && fresh.sha256 === agreement.sha256) {
    card.append(el("p", { class: "note error", text: "The text changed while you were reading. Here it is as it stands now." }));
  }
  card.append(el("div", { class: "text", text: agreement.text }));
  for (const signed of agreement.signed) {
    const team = room.teams.find((t) => t.id === signed.team);
    const mine = signed.team === state.me.team;
    card.append(el("p", { class: mine ? "signed" : "weak",
      text: `${team ? team.name : "A team"}: ${signed.position.toLowerCase()} (${signed.by})` }));
  }
  const signs = agreement.signers.includes(state.me.team);
  if (agreement.proposals) card.append(proposeForm(room, agreement));
  if (!signs) {
    card.append(el("p", { class: "weak", text: "Your team does not sign this one." }));
    return card;
  }
  const group = el("fieldset", { class: "positions" }, el("legend", { text: "Where does your team stand?" }));
  for (const [value, label, meaning] of POSITIONS) {
    const id = `${agreement.key}-${value}`;
    const radio = el("input", { type: "radio", name: `position-${agreement.key}`, id, value });
    radio.checked = drafts.positions[agreement.key] === value;
    radio.addEventListener("change", () => { drafts.positions[agreement.key] = value; render(); });
    group.append(el("label", { class: "position", for: id }, radio,
      el("span", {}, el("strong", { text: label }), el("span", { class: "weak", text: meaning }))));
  }
  card.append(group);
  const position = drafts.positions[agreement.key];
  if (position && position !== "endorse") {
    const reason = el("textarea", { id: `reason-${agreement.key}`, maxlength: "1000" });
    reason.value = drafts.reasons[agreement.key] || "";
    reason.addEventListener("input", () => { drafts.reasons[agreement.key] = reason.value; });
    card.append(el("label", { for: `reason-${agreement.key}`, text: "Why? The room reads it." }), reason);
  }
  const button = el("button", {
    type: "button",
    class: "primary",
    text: "Sign for my team",
    onclick: async () => {
      const answer = await send("/api/sign", {
        agreement: agreement.key,
        position: drafts.positions[agreement.key] || "",
        reason: drafts.reasons[agreement.key] || "",
        sha256: agreement.sha256,
      });
      if (answer.status === 409 && answer.sha256) {
        changed[agreement.key] = { sha256: answer.sha256 };
      }
      notes[`sign-${agreement.key}`] = { ok: answer.ok, text: answer.ok ? answer.message : answer.error };
      refresh();
    },
  });
  button.disabled = room.locked || !position;
  card.append(button, note(`sign-${agreement.key}`));
  return card;
}

function proposeForm(room, agreement) {
  const box = el("div", {});
  const id = `wording-${agreement.key}`;
  const wording = el("textarea", { id, maxlength: "2000" });
  wording.value = drafts.wordings[agreement.key] || "";
  wording.addEventListener("input", () => { drafts.wordings[agreement.key] = wording.value; });
  box.append(el("label", { for: id, text: "Propose your team's wording" }), wording);
  const button = el("button", {
    type: "button",
    text: "Propose this wording",
    onclick: async () => {
      const answer = await send("/api/propose", { agreement: agreement.key, wording: wording.value });
      if (answer.ok) drafts.wordings[agreement.key] = "";
      notes[`propose-${agreement.key}`] = { ok: answer.ok, text: answer.ok ? answer.message : answer.error };
      render();
    },
  });
  button.disabled = room.locked;
  box.append(button, note(`propose-${agreement.key}`));
  return box;
}

function codeForm() {
  const main = document.getElementById("main");
  const code = el("input", { type: "text", id: "code", maxlength: "12", autocapitalize: "characters", autocomplete: "off" });
  main.replaceChildren(el("h1", { text: "Join the room" }), el("div", { class: "card" },
    el("p", { text: "Type the code shown on the facilitator's screen, or scan its QR code." }),
    el("label", { for: "code", text: "Room code" }), code,
    el("button", {
      type: "button",
      class: "primary",
      text: "Join",
      onclick: async () => {
        const answer = await send("/api/code", { code: code.value });
        notes.code = { ok: answer.ok, text: answer.ok ? "" : answer.error };
        if (answer.ok) { connect(); } else { codeForm(); }
      },
    }), note("code")));
  setStatus("Not joined");
}

async function refresh() {
  const response = await fetch("/api/state", { credentials: "same-origin" }).catch(() => null);
  if (!response) {
    setStatus(state ? "Reconnecting…" : "The room cannot be reached. Check the Wi-Fi.");
    return;
  }
  if (response.status === 401) { codeForm(); return; }
  if (response.ok) { state = await response.json(); render(); }
}

let events = null;
function connect() {
  if (events) events.close();
  refresh();
  events = new EventSource("/api/events");
  events.addEventListener("state", (event) => {
    state = JSON.parse(event.data);
    if (!state.me.name) setStatus("Connected");
    render();
  });
  events.addEventListener("removed", () => {
    events.close();
    state = null;
    document.getElementById("main").replaceChildren(el("h1", { text: "You left the room" }),
      el("p", { text: "The facilitator removed this device. Ask them, then join again with the room's code." }));
    setStatus("Not joined");
  });
  // Before the page ever joined, a refused stream is the code form's business, not a lost
  // connection: only a page that was in the room is reconnecting.
  events.addEventListener("error", () => { if (state) setStatus("Reconnecting…"); });
  events.addEventListener("open", () => { if (state && state.me.name) render(); });
}

document.addEventListener("DOMContentLoaded", connect);
