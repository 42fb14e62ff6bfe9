/** The page's stylesheet: system fonts only, large enough for a projector; controls hidden in print. */
export const PAGE_CSS = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-size:18px;margin:24px;color:#111;background:#fff}
h1{font-size:28px;margin:0 0 4px}h2{font-size:22px;margin:24px 0 6px}
.summary{color:#444}
svg{width:100%;height:auto;display:block}
.lane-label,.tick-label,.axis-unit{font-size:13px;fill:#222;font-family:inherit}
.axis line,.tick,.baseline{stroke:#555;stroke-width:1}
.phase-running{fill:#2ca02c}
.phase-awaiting{fill:#1f77b4}
.phase-waiting{fill:url(#dots-waiting)}
.phase-blocked{fill:url(#hatch-blocked)}
.phase-off-thread{fill:url(#stripe-off)}
.counter-line{fill:none;stroke:#e6550d;stroke-width:2}
.cursor{stroke:#000;stroke-width:2;stroke-dasharray:4 3}
.legend{display:flex;gap:18px;flex-wrap:wrap;margin:8px 0}
.legend span{display:inline-flex;align-items:center;gap:6px}
.legend svg{width:28px;height:16px;display:inline}
table{border-collapse:collapse;margin:8px 0}
th,td{border:1px solid #bbb;padding:4px 10px;text-align:right}th:first-child,td:first-child{text-align:left}
.log{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:15px;max-height:20em;overflow:auto;border:1px solid #ddd;padding:4px}
.log li{list-style:none;padding:1px 4px}.log li.current{background:#ffe680;outline:2px solid #c90}
.log .at{color:#555;display:inline-block;min-width:7em;text-align:right;margin-right:1em}
.log .task{font-weight:600;margin-right:.6em}
.controls{position:sticky;top:0;background:#f4f4f4;padding:8px;border:1px solid #ccc;display:flex;gap:10px;align-items:center;font-size:18px;z-index:1}
.controls button,.controls select{font-size:18px;padding:2px 10px}
pre.code{background:#f7f7f7;border:1px solid #ddd;padding:8px;overflow:auto;font-size:15px}
@media print{.controls{display:none}.log{max-height:none;overflow:visible}.cursor{display:none}}
`;

/**
 * Step-through: the events (log lines, task starts and ends) in time order; ← / → move a cursor
 * over them, play replays them at the chosen speed (in the run's own milliseconds).
 */
export const PAGE_SCRIPT = `
(function(){
var events=JSON.parse(document.getElementById('events').textContent);
var index=-1,timer=null;
var status=document.getElementById('status');
function show(){
  document.querySelectorAll('.log li.current').forEach(function(li){li.classList.remove('current')});
  document.querySelectorAll('svg.timeline .cursor').forEach(function(c){c.setAttribute('visibility','hidden')});
  if(index<0){status.textContent='event 0 / '+events.length;return}
  var e=events[index];
  var svg=document.querySelector('svg.timeline[data-run="'+e.run+'"]');
  if(svg){var c=svg.querySelector('.cursor');var x=Number(svg.dataset.left)+e.atMs/Number(svg.dataset.msPerPx);
    c.setAttribute('x1',x);c.setAttribute('x2',x);c.setAttribute('visibility','visible')}
  if(e.log!==null){var li=document.getElementById('log-'+e.run+'-'+e.log);if(li){li.classList.add('current');li.scrollIntoView({block:'nearest'})}}
  status.textContent='event '+(index+1)+' / '+events.length+': '+e.label;
}
function step(d){index=Math.max(-1,Math.min(events.length-1,index+d));show()}
function stop(){if(timer){clearTimeout(timer);timer=null}document.getElementById('play').textContent='Play'}
function play(){
  if(timer){stop();return}
  if(index>=events.length-1)index=-1;
  document.getElementById('play').textContent='Pause';
  var next=function(){
    if(index>=events.length-1){stop();return}
    var speed=Number(document.getElementById('speed').value);
    var prev=index<0?0:events[index].atMs;var cur=events[index+1];
    var wait=cur.run===(index<0?cur.run:events[index].run)?Math.max(0,cur.atMs-prev):300;
    timer=setTimeout(function(){step(1);next()},Math.min(wait/speed,2000));
  };
  next();
}
document.getElementById('prev').onclick=function(){stop();step(-1)};
document.getElementById('next').onclick=function(){stop();step(1)};
document.getElementById('play').onclick=play;
document.addEventListener('keydown',function(ev){if(ev.key==='ArrowRight'){stop();step(1);ev.preventDefault()}else if(ev.key==='ArrowLeft'){stop();step(-1);ev.preventDefault()}});
show();
})();
`;
