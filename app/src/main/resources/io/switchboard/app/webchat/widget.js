/* Switchboard web chat widget. No build step, no dependencies, works offline.
 * <script src="https://your-switch/webchat/widget.js" data-user-id="..." data-user-hash="..."></script>
 * data-user-id / data-user-hash are optional: the site signs its logged-in user id with HMAC-SHA256
 * (channels.webchat.identitySecret) so the conversation joins that customer's history. */
(function () {
  var script = document.currentScript;
  var base = new URL(script.src);
  var wsUrl = (base.protocol === "https:" ? "wss://" : "ws://") + base.host + "/webchat/ws";
  var key = "switchboard-webchat-token";
  var userId = script.getAttribute("data-user-id");
  var userHash = script.getAttribute("data-user-hash");
  var box = document.createElement("div");
  box.style.cssText = "position:fixed;right:16px;bottom:16px;width:300px;font:14px sans-serif;background:#fff;" +
    "border:1px solid #ccc;border-radius:8px;box-shadow:0 2px 8px rgba(0,0,0,.2);z-index:99999";
  box.innerHTML = '<div style="padding:8px;background:#2563eb;color:#fff;border-radius:8px 8px 0 0">Chat with us</div>' +
    '<div class="sb-log" style="height:240px;overflow:auto;padding:8px"></div>' +
    '<form style="display:flex;border-top:1px solid #eee"><input style="flex:1;border:0;padding:8px" placeholder="Type a message">' +
    '<button style="border:0;background:#2563eb;color:#fff;padding:0 12px">Send</button></form>';
  document.body.appendChild(box);
  var log = box.querySelector(".sb-log");
  var input = box.querySelector("input");
  var ws, counter = 0;
  function show(text, mine) {
    var p = document.createElement("div");
    p.textContent = text;
    p.style.cssText = "margin:4px 0;padding:6px 8px;border-radius:6px;max-width:85%;" +
      (mine ? "background:#dbeafe;margin-left:auto" : "background:#f3f4f6");
    log.appendChild(p);
    log.scrollTop = log.scrollHeight;
  }
  function connect() {
    var token = localStorage.getItem(key);
    ws = new WebSocket(wsUrl + (token ? "?token=" + encodeURIComponent(token) : ""));
    ws.onmessage = function (e) {
      var f = JSON.parse(e.data);
      if (f.type === "welcome") { localStorage.setItem(key, f.token); }
      else if (f.type === "message") { show(f.text, false); }
      else if (f.type === "error") { show("(" + f.reason + ")", false); }
    };
    ws.onclose = function () { setTimeout(connect, 3000); };
  }
  box.querySelector("form").onsubmit = function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text || !ws || ws.readyState !== 1) { return; }
    var frame = { type: "message", client_msg_id: Date.now() + "-" + (++counter), text: text,
                  page: { url: location.href, title: document.title } };
    if (userId) { frame.user_id = userId; frame.user_hash = userHash; }
    ws.send(JSON.stringify(frame));
    show(text, true);
    input.value = "";
  };
  connect();
})();
