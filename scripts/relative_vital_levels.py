#!/usr/bin/env python3
"""Independent check of RelativeVitalLevels (demography.levelWindowStart = 2015): each province's fertility and
mortality relative to China, age-standardised on the 2010 and 2020 census structures interpolated to mid-year,
averaged over the years of 2015-19 with first-release crude rates of both, as a factor on the 2019 fit.
Reads the bundled CSV files; run from the repository root. Used by RelativeVitalLevelsTests."""
import csv, math
rows=list(csv.DictReader(open('Sources/BaseData/Resources/data/population/vital_rates.csv')))
cen=list(csv.DictReader(open('Sources/BaseData/Resources/data/population/census.csv')))
def val(region,ind,year,vint='first-release'):
    for r in rows:
        if r['region_id']==region and r['indicator']==ind and r['year']==str(year) and r['vintage']==vint and r['sex']=='total': return float(r['value'])
def mx(sex):
    out={}
    for r in rows:
        if r['region_id']=='china' and r['indicator']=='mx_5y_period' and r['year']=='2015' and r['sex']==sex:
            a=int(r['age_from']); b=int(r['age_to']) if r['age_to'] else 100
            for x in range(a,min(b,100)+1): out[x]=float(r['value'])
    return [out[x] for x in range(101)]
asfr={}
for r in rows:
    if r['region_id']=='china' and r['indicator']=='asfr' and r['year']=='2020' and r['sex']=='female':
        for x in range(int(r['age_from']),int(r['age_to'])+1): asfr[x]=float(r['value'])
phi=[asfr.get(x,0) for x in range(101)]; s=sum(phi); phi=[v/s for v in phi]
M=mx('male');F=mx('female')
def groups(region,year,sex):
    g=[]
    for r in cen:
        if r['region_id']==region and r['indicator']=='population_census' and r['year']==str(year) and r['sex']==sex and r['age_from'] and r['vintage']==f'census{year}':
            a=int(r['age_from'])
            if (r['age_to'] and int(r['age_to'])-a==4) or (not r['age_to'] and a>=85): g.append((a,int(r['age_to']) if r['age_to'] else None,float(r['value'])))
    return sorted(g)
def single(g):
    # even within closed groups; open group tapers geometrically ratio 0.8 up to 100+ (as AgeStructure.singleYears)
    out=[0.0]*101
    for a,b,v in g:
        if b is not None:
            for x in range(a,b+1):
                if x<=100: out[x]+=v/(b-a+1)
        else:
            n=100-a+1; w=[0.8**k for k in range(n)]
            # open group: last cell is 100+, treat as geometric tail; approximate
            w[-1]=0.8**(n-1)/(1-0.8); sw=sum(w)
            for k in range(n): out[a+k]+=v*w[k]/sw
    return out
def struct(region,year):
    m=single(groups(region,year,'male')); f=single(groups(region,year,'female')); t=sum(m)+sum(f)
    return [v/t for v in m],[v/t for v in f]
for prov in ('sichuan','chongqing'):
    S={(r,y):struct(r,y) for r in (prov,'china') for y in (2010,2020)}
    res=[]
    for y in range(2015,2020):
        p=(val(prov,'birth_rate',y),val(prov,'death_rate',y)); n=(val('china','birth_rate',y),val('china','death_rate',y))
        if None in p or None in n: continue
        w=min(max((y+0.5-(2010+10/12))/10,0),1)
        ex={}
        for r in (prov,'china'):
            m=[(1-w)*a+w*b for a,b in zip(S[(r,2010)][0],S[(r,2020)][0])]; f=[(1-w)*a+w*b for a,b in zip(S[(r,2010)][1],S[(r,2020)][1])]
            ex[r]=(sum(phi[x]*f[x] for x in range(101)), sum(M[x]*m[x]+F[x]*f[x] for x in range(101)))
        res.append((y,(p[0]/ex[prov][0])/(n[0]/ex['china'][0]),(p[1]/ex[prov][1])/(n[1]/ex['china'][1])))
    last=[r for r in res if r[0]==2019][0]
    fb=sum(r[1] for r in res)/len(res)/last[1]; fd=sum(r[2] for r in res)/len(res)/last[2]
    print(prov,[(y,round(a,5),round(b,5)) for y,a,b in res],'factor',round(fb,6),round(fd,6))
