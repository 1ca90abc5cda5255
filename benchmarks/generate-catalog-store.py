import json, os, random, sys
d=sys.argv[1]; n=int(sys.argv[2]); m=int(sys.argv[3])
os.makedirs(d, exist_ok=True)
rnd=random.Random(42)
words=[w.strip() for w in open('/usr/share/dict/words')] if os.path.exists('/usr/share/dict/words') else None
if not words:
    syl=['ka','lo','mi','ra','te','su','no','vi','pe','da','ri','zo','ba','ne','ku','sa','lu','mo','ti','ge']
    words=list({''.join(rnd.choice(syl) for _ in range(rnd.randint(2,4))) for _ in range(20000)})
rare=['invoice','refund','kubernetes','latency','postgres','migration','billing','quarterly','passport','typescript']
base=1_700_000_000
for i in range(n):
    sid=f"s{i:06d}"
    msgs=[]
    for j in range(m):
        k=rnd.randint(6,16)
        text=' '.join(rnd.choice(words) for _ in range(k))
        if rnd.random()<0.002: text+=' '+rare[i%len(rare)]
        msgs.append(text.capitalize())
    p=os.path.join(d,sid+'.json')
    with open(p,'w') as f:
        json.dump({"session_id":sid,"messages":msgs,"input_tokens":rnd.randint(0,10000),"output_tokens":rnd.randint(0,10000)},f)
    t=base+i*37+rnd.randint(0,30)
    os.utime(p,(t,t))
