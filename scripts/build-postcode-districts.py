#!/usr/bin/env python3
"""Build catalog/vocabularies/postcode-districts.csv from a UK postcode district export.

Usage: python3 scripts/build-postcode-districts.py [SOURCE.csv]

SOURCE defaults to ../shared/reference/uk-postcode-districts/postcode-districts.csv (relative to the repository
root): a 2023 export of the 3,115 UK postcode districts (outward codes) derived from the ONS Postcode Directory.
Source data: ONS, Open Government Licence v3.0; contains OS data (c) Crown copyright and database right; contains
Royal Mail data (c) Royal Mail copyright and database right. See ../shared/reference/README.md. The source file is
not copied into the project; only the derived table below is kept.

Output (UTF-8, comma, RFC 4180 quoting, LF line ends), one row per district, every district of the source:
    code,label,country,local_authority,force_areas,latitude,longitude,active,aliases

The source names each district's main local authority by name (`Region`), sometimes with an old district name, a
county, a town or a region, and sometimes a wrong one. Names are resolved through catalog/vocabularies/
local-authorities.csv (label or alias), then through NAME_TO_LA below; county and region names give a force area
but no local authority (REGION_TO_FORCE); LA_CORRECTIONS overrides the source for single districts. The force area
is the local authority's; STRADDLING adds the other forces of districts that cross a force boundary.

Standard library only. The output is the same byte for byte on every run. A summary goes to stderr.
"""

import collections
import csv
import io
import os
import re
import sys
from decimal import ROUND_HALF_UP, Decimal

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_SOURCE = os.path.normpath(
    os.path.join(ROOT, "..", "shared", "reference", "uk-postcode-districts", "postcode-districts.csv"))
VOCABULARIES = os.path.join(ROOT, "catalog", "vocabularies")
LOCAL_AUTHORITIES = os.path.join(VOCABULARIES, "local-authorities.csv")
POLICE_FORCE_AREAS = os.path.join(VOCABULARIES, "police-force-areas.csv")
OUTPUT = os.path.join(VOCABULARIES, "postcode-districts.csv")

HEADER = ["code", "label", "country", "local_authority", "force_areas", "latitude", "longitude", "active", "aliases"]

ENGLAND_REGIONS = {
    "North East", "North West", "Yorkshire and The Humber", "East Midlands", "West Midlands",
    "East of England", "London", "South East", "South West",
}
UK_REGION_TO_COUNTRY = dict({r: "England" for r in ENGLAND_REGIONS},
                            **{"Wales": "Wales", "Scotland": "Scotland", "Northern Ireland": "Northern Ireland"})
REGION_TO_COUNTRY = {
    "guernsey": "Channel Islands", "jersey": "Channel Islands",
    "isle of man": "Isle of Man", "british forces": "British Forces",
}
SCOTTISH_AREAS = {"AB", "DD", "DG", "EH", "FK", "G", "HS", "IV", "KA", "KW", "KY", "ML", "PA", "PH", "TD", "ZE"}
# Districts whose country neither the source nor the rest of their postcode area tells.
COUNTRY_OVERRIDES = {
    "GIR": "England",  # GIR 0AA, the old Girobank in Bootle (Post Town Bootle); the only district of its "area"
}

# Source `Region` names that are neither the label nor an alias of a local authority in local-authorities.csv:
# towns, misspellings, "&" for "and", pre-2009 districts that are not already aliases. Keys are normalised (see
# norm()); values are labels in local-authorities.csv.
NAME_TO_LA = {
    "bingley": "Bradford",                                  # BD16
    "brighton": "Brighton and Hove",                        # BN91, BN95 (non-geographic)
    "broadstairs": "Thanet",                                # CT10
    "bromsgrove worcestershire": "Bromsgrove",              # B47, B48
    "camberley": "Surrey Heath",                            # GU95 (non-geographic)
    "chester": "Cheshire West and Chester",                 # CH70, CH88, CH99 (non-geographic)
    "ely": "East Cambridgeshire",                           # CB6, CB7
    "folkestone": "Folkestone and Hythe",                   # CT18-CT20
    "hereford": "Herefordshire",                            # HR1-HR9 (the whole HR area in the source)
    "kennet": "Wiltshire",                                  # SN8-SN10 (Kennet district, abolished 2009)
    "leighton buzzard": "Central Bedfordshire",             # LU95 (non-geographic)
    "llandrindod wells": "Powys",                           # LD1-LD8 (the whole LD area in the source)
    "maidenhead": "Windsor and Maidenhead",                 # SL60 (non-geographic)
    "middlesborough": "Middlesbrough",                      # TS90 (misspelt in the source)
    "newcastle": "Newcastle upon Tyne",                     # NE1-NE7 and others; never Newcastle-under-Lyme here
    "newmarket": "West Suffolk",                            # CB8
    "nuneaton & bedworth": "Nuneaton and Bedworth",         # CV10-CV12
    "ramsgate": "Thanet",                                   # CT12
    "redcar & cleveland": "Redcar and Cleveland",           # TS6, TS10-TS14
    "ripon": "North Yorkshire",                             # HG4
    "romford": "Havering",                                  # RM50 (non-geographic)
    "shrewsbury": "Shropshire",                             # SY99 (non-geographic)
    "south buckinghamshire": "Buckinghamshire",             # HP8, SL0-SL2, SL6-SL9, UB9 (South Bucks, abolished 2020)
    "west norfolk": "King's Lynn and West Norfolk",         # PE30-PE38
}

# Source `Region` names that are a county or a region, not one local authority: no local_authority, but the force
# area is certain. Values are labels in police-force-areas.csv.
REGION_TO_FORCE = {
    "berkshire": "Thames Valley",
    "hampshire": "Hampshire",
    "hertfordshire": "Hertfordshire",
    "kent": "Kent",
    "norfolk": "Norfolk",
    "staffordshire": "Staffordshire",   # ST1-ST21, including Stoke-on-Trent (also Staffordshire Police)
    "suffolk": "Suffolk",
    "sussex": "Sussex",
    "london": "Metropolitan Police",    # except the City, below
    "east london": "Metropolitan Police",
    "west london": "Metropolitan Police",
}
CITY_OF_LONDON_FORCE = "City of London"

# Districts whose main local authority in the source is wrong (the towns named in the source's own Town/Area are
# in another authority), or is an old name that the vocabulary cannot resolve. Values are labels in
# local-authorities.csv. Those marked FORCE also change the district's force area.
LA_CORRECTIONS = {
    # Force area changes.
    "CR3": "Tandridge",                 # FORCE Caterham, Whyteleafe: Surrey, not Croydon (Met)
    "CR6": "Tandridge",                 # FORCE Warlingham: Surrey, not Croydon (Met)
    "EN8": "Broxbourne",                # FORCE Waltham Cross, Cheshunt: Hertfordshire, not Enfield (Met)
    "GL9": "South Gloucestershire",     # FORCE Badminton, Hawkesbury: Avon and Somerset, not Gloucester
    "IP20": "South Norfolk",            # FORCE Harleston: Norfolk, not Waveney (Suffolk)
    "LA7": "Westmorland and Furness",   # FORCE Milnthorpe, Beetham, Heversham: Cumbria, not Lancaster
    "NN29": "North Northamptonshire",   # FORCE Bozeat, Irchester, Wollaston: Northamptonshire, not Bedford
    "RH6": "Reigate and Banstead",      # FORCE Horley: Surrey; only Gatwick Airport is in Crawley (Sussex)
    "SA9": "Powys",                     # FORCE Ystradgynlais, Abercraf, Cwmtwrch: Dyfed-Powys, not Neath Port Talbot
    "TN14": "Sevenoaks",                # FORCE Otford, Dunton Green, Halstead: Kent; only Cudham is in Bromley (Met)
    "TS27": "County Durham",            # FORCE Blackhall, Castle Eden, Hesleden: Durham; only Hart is in Hartlepool
    "WV7": "Shropshire",                # FORCE Albrighton: West Mercia, not Wolverhampton (West Midlands)
    "WV8": "South Staffordshire",       # FORCE Codsall, Bilbrook: Staffordshire, not Wolverhampton (West Midlands)
    "YO41": "East Riding of Yorkshire",  # FORCE Stamford Bridge, Wilberfoss, Full Sutton: Humberside, not York
    "YO4": "East Riding of Yorkshire",  # FORCE terminated: Pocklington, Market Weighton, Stamford Bridge
    "YO95": "East Riding of Yorkshire",  # FORCE non-geographic, Pocklington
    "L64": "Cheshire West and Chester",  # FORCE terminated (now CH64): Neston, Willaston
    "L65": "Cheshire West and Chester",  # FORCE terminated (now CH65): Ellesmere Port
    "L66": "Cheshire West and Chester",  # FORCE terminated (now CH66): Great Sutton, Hooton
    "CF8": "Caerphilly",                # FORCE terminated: Caerphilly, Bargoed, Rhymney: Gwent, not Cardiff
    # Same force area; the source names the area's main town instead of the district's own authority.
    "BH16": "Dorset",                   # Upton, Lytchett Minster, Lytchett Matravers (not Poole)
    "BN6": "Mid Sussex",                # Hassocks, Hurstpierpoint, Keymer (not Lewes)
    "BN25": "Lewes",                    # Seaford (not Wealden)
    "BS12": "South Gloucestershire",    # terminated: Thornbury, Almondsbury
    "BS15": "South Gloucestershire",    # Kingswood, Hanham (not Bristol)
    "BS17": "South Gloucestershire",    # terminated: Chipping Sodbury
    "BS19": "North Somerset",           # terminated: Nailsea, Backwell
    "BS25": "North Somerset",           # Winscombe, Churchill, Sandford (not Somerset)
    "BS29": "North Somerset",           # Banwell (not Somerset)
    "CB21": "South Cambridgeshire",     # Fulbourn, the Wilbrahams (not Cambridge)
    "CB22": "South Cambridgeshire",     # Sawston, Duxford, the Shelfords
    "CB23": "South Cambridgeshire",     # Cambourne, Comberton, Barton
    "CB24": "South Cambridgeshire",     # Histon, Impington, Willingham, Swavesey
    "CB25": "South Cambridgeshire",     # Cottenham, Waterbeach, Landbeach
    "CF6": "Vale of Glamorgan",         # terminated: Barry, Penarth
    "E10": "Waltham Forest",            # Leyton (not Hackney)
    "EX7": "Teignbridge",               # Dawlish (EX7-EX38: not Exeter)
    "EX8": "East Devon",                # Exmouth
    "EX9": "East Devon",                # Budleigh Salterton
    "EX10": "East Devon",               # Sidmouth
    "EX11": "East Devon",               # Ottery St Mary
    "EX12": "East Devon",               # Seaton
    "EX13": "East Devon",               # Axminster
    "EX14": "East Devon",               # Honiton
    "EX15": "Mid Devon",                # Cullompton
    "EX18": "North Devon",              # Chulmleigh
    "EX19": "Torridge",                 # Winkleigh
    "EX20": "West Devon",               # Okehampton
    "EX21": "Torridge",                 # Beaworthy
    "EX22": "Torridge",                 # Holsworthy
    "EX24": "East Devon",               # Colyton
    "EX31": "North Devon",              # Barnstaple
    "EX32": "North Devon",              # Barnstaple
    "EX33": "North Devon",              # Braunton
    "EX34": "North Devon",              # Ilfracombe
    "EX35": "North Devon",              # Lynton
    "EX36": "North Devon",              # South Molton
    "EX37": "North Devon",              # Umberleigh
    "EX38": "Torridge",                 # Great Torrington
    "GL13": "Stroud",                   # Berkeley (not Gloucester)
    "GL14": "Forest of Dean",           # Cinderford
    "GL15": "Forest of Dean",           # Lydney
    "GL16": "Forest of Dean",           # Coleford
    "GL17": "Forest of Dean",           # Mitcheldean, Drybrook
    "GL18": "Forest of Dean",           # Newent
    "GL50": "Cheltenham",               # Cheltenham (not Tewkesbury)
    "GL51": "Cheltenham",
    "GL53": "Cheltenham",
    "GL55": "Cotswold",                 # Chipping Campden (not Gloucester)
    "GL56": "Cotswold",                 # Moreton-in-Marsh (not Tewkesbury)
    "HA0": "Brent",                     # Alperton, Wembley Central (not Harrow)
    "IP7": "Babergh",                   # Hadleigh (not Ipswich)
    "L20": "Sefton",                    # Bootle (not Liverpool)
    "L21": "Sefton",                    # Litherland, Seaforth
    "L26": "Knowsley",                  # Halewood
    "L28": "Knowsley",                  # Stockbridge Village
    "L41": "Wirral", "L42": "Wirral", "L43": "Wirral", "L44": "Wirral", "L45": "Wirral",  # terminated (now CH41-CH63)
    "L46": "Wirral", "L47": "Wirral", "L48": "Wirral", "L49": "Wirral",
    "L60": "Wirral", "L61": "Wirral", "L62": "Wirral", "L63": "Wirral",
    "LE6": "Hinckley and Bosworth",     # Groby, Ratby (LE6-LE67: not Leicester)
    "LE10": "Hinckley and Bosworth",    # Hinckley
    "LE13": "Melton",                   # Melton Mowbray
    "LE17": "Harborough",               # Lutterworth
    "LE18": "Oadby and Wigston",        # Wigston
    "LE19": "Blaby",                    # Narborough, Enderby
    "LE65": "North West Leicestershire",  # Ashby-de-la-Zouch
    "LE67": "North West Leicestershire",  # Coalville, Ibstock
    "LL17": "Denbighshire",             # St Asaph (not Conwy)
    "LL18": "Denbighshire",             # Rhyl, Rhuddlan (not Conwy)
    "LL19": "Denbighshire",             # Prestatyn (not Flintshire)
    "LL21": "Denbighshire",             # Corwen (not Conwy)
    "LL22": "Conwy",                    # Abergele (not Denbighshire)
    "LN1": "Lincoln",                   # Lincoln city centre (not West Lindsey)
    "LN7": "West Lindsey",              # Market Rasen, Caistor (LN7-LN13: not Lincoln)
    "LN8": "West Lindsey",              # Market Rasen
    "LN9": "East Lindsey",              # Horncastle
    "LN10": "East Lindsey",             # Woodhall Spa
    "LN11": "East Lindsey",             # Louth
    "LN13": "East Lindsey",             # Alford
    "MK45": "Central Bedfordshire",     # Ampthill, Flitwick (not Bedford)
    "N1": "Islington",                  # Barnsbury, Canonbury (not Hackney)
    "NE41": "Northumberland",           # Wylam (not Gateshead)
    "NE42": "Northumberland",           # Prudhoe (not Gateshead)
    "NP4": "Torfaen",                   # Pontypool, Blaenavon (not Monmouthshire)
    "NW8": "Westminster",               # St John's Wood (not Camden)
    "RH18": "Wealden",                  # Forest Row (not Mid Sussex)
    "SE15": "Southwark",                # Peckham (not Lewisham)
    "SE26": "Lewisham",                 # Sydenham (not Bromley)
    "SK17": "High Peak",                # Buxton (not Derbyshire Dales)
    "SL1": "Slough",                    # Slough (not South Bucks)
    "SL4": "Windsor and Maidenhead",    # Windsor, Eton (not Bracknell Forest)
    "SL6": "Windsor and Maidenhead",    # Maidenhead (not South Bucks)
    "SO31": "Fareham",                  # Locks Heath, Warsash, Sarisbury (not Eastleigh)
    "SO32": "Winchester",               # Bishop's Waltham, Swanmore, Droxford (not Eastleigh)
    "SS3": "Southend-on-Sea",           # Shoeburyness (not Rochford)
    "TN3": "Tunbridge Wells",           # Langton Green, Groombridge (not Sevenoaks)
    "TN17": "Tunbridge Wells",          # Cranbrook, Goudhurst (not Ashford)
    "TN21": "Wealden",                  # Heathfield (not Rother)
    "WR15": "Malvern Hills",            # Tenbury Wells (not Worcester)
    "WV12": "Walsall",                  # Short Heath, Willenhall (not Wolverhampton)
    "WV13": "Walsall",                  # Willenhall
    "YO5": "North Yorkshire",           # terminated: Boroughbridge
    "YO6": "North Yorkshire",           # terminated: Helmsley, Easingwold
    "YO8": "North Yorkshire",           # Selby (Selby district, now North Yorkshire; not York)
    "YO60": "North Yorkshire",          # Sheriff Hutton, Terrington (not York)
    "GIR": "Sefton",                    # GIR 0AA: Girobank, Bootle (no Region in the source)
}

# Districts that really cross a police force boundary: the main force first (the local authority's, as computed;
# checked), then the others. Values are labels in police-force-areas.csv. Short on purpose: only districts where a
# town or several villages lie in the other force.
STRADDLING = {
    # --- England-Wales border, and the Welsh forces.
    # Chester (Handbridge, Lache); Saltney, Broughton, Penyffordd in Flintshire
    "CH4": ("Cheshire", "North Wales"),
    # Oswestry rural; Llansilin, Llanrhaeadr-ym-Mochnant in Powys
    "SY10": ("West Mercia", "Dyfed-Powys"),
    # Whitchurch; Hanmer, Bronington (Wrexham); Marbury, Wirswall (Cheshire East)
    "SY13": ("West Mercia", "North Wales", "Cheshire"),
    # Montgomery; Chirbury in Shropshire
    "SY15": ("Dyfed-Powys", "West Mercia"),
    # Welshpool; Marton in Shropshire
    "SY21": ("Dyfed-Powys", "West Mercia"),
    # Llanfyllin, Meifod; Llanymynech straddles the border
    "SY22": ("Dyfed-Powys", "West Mercia"),
    # Knighton; Llanfair Waterdine, Stowe in Shropshire
    "LD7": ("Dyfed-Powys", "West Mercia"),
    # Presteigne; Kinsham, Byton in Herefordshire
    "LD8": ("Dyfed-Powys", "West Mercia"),
    # west of Hereford; Hay-on-Wye, Clyro in Powys
    "HR3": ("West Mercia", "Dyfed-Powys"),
    # Kington; Gladestry in Powys
    "HR5": ("West Mercia", "Dyfed-Powys"),
    # Chepstow; Tidenham, Sedbury, Beachley in Gloucestershire
    "NP16": ("Gwent", "Gloucestershire"),
    # Monmouth; Redbrook (Gloucestershire), Welsh Newton (Herefordshire)
    "NP25": ("Gwent", "Gloucestershire", "West Mercia"),
    # Gorseinon, Pontarddulais; Hendy in Carmarthenshire
    "SA4": ("South Wales", "Dyfed-Powys"),
    # Ystradgynlais (Powys); Cwmllynfell, Rhiwfawr in Neath Port Talbot
    "SA9": ("Dyfed-Powys", "South Wales"),
    # Ammanford; Gwaun-Cae-Gurwen, Lower Brynamman in Neath Port Talbot
    "SA18": ("Dyfed-Powys", "South Wales"),
    # Rumney, St Mellons (Cardiff); Castleton, Marshfield in Newport
    "CF3": ("South Wales", "Gwent"),
    # Treharris (Merthyr Tydfil); Nelson in Caerphilly
    "CF46": ("South Wales", "Gwent"),

    # --- City of London and the Metropolitan Police.
    # Whitechapel; the City's Portsoken ward (Middlesex Street Estate)
    "E1": ("Metropolitan Police", "City of London"),
    # Tower of London, Tower Hill (Tower Hamlets); Minories, Crutched Friars in the City
    "EC3N": ("Metropolitan Police", "City of London"),

    # --- England.
    # Otley, Pool (Leeds); Farnley, Leathley, Lindley (Harrogate district)
    "LS21": ("West Yorkshire", "North Yorkshire"),
    # Garforth, Kippax (Leeds); Sherburn in Elmet, South Milford, Hillam (Selby district)
    "LS25": ("West Yorkshire", "North Yorkshire"),
    # Ilkley, Burley (Bradford); Denton (Harrogate district)
    "LS29": ("West Yorkshire", "North Yorkshire"),
    # Silsden, Steeton (Bradford); Cononley, Cross Hills, Glusburn, Sutton-in-Craven (Craven)
    "BD20": ("West Yorkshire", "North Yorkshire"),
    # Knottingley (Wakefield); Brotherton, Byram, Birkin (Selby district)
    "WF11": ("West Yorkshire", "North Yorkshire"),
    # Goole, Howden (East Riding); Carlton, Camblesforth, Hirst Courtney (Selby district)
    "DN14": ("Humberside", "North Yorkshire"),
    # Finningley, Auckley (Doncaster); Epworth, Haxey, Owston Ferry (North Lincolnshire)
    "DN9": ("South Yorkshire", "Humberside"),
    # Rossington, Tickhill (Doncaster); Harworth, Bircotes (Bassetlaw)
    "DN11": ("South Yorkshire", "Nottinghamshire"),
    # south Worksop; Creswell, Whitwell (Bolsover)
    "S80": ("Nottinghamshire", "Derbyshire"),
    # Kimberley, Eastwood, Selston; Langley Mill, Pinxton, Ironville (Derbyshire)
    "NG16": ("Nottinghamshire", "Derbyshire"),
    # Shirebrook (Bolsover); Market Warsop (Mansfield)
    "NG20": ("Derbyshire", "Nottinghamshire"),
    # Shepshed, Mountsorrel; East Leake, Sutton Bonington (Rushcliffe)
    "LE12": ("Leicestershire", "Nottinghamshire"),
    # Chester-le-Street, Great Lumley; Birtley (Gateshead)
    "DH3": ("Durham", "Northumbria"),
    # Lowton, Golborne (Wigan); Birchwood, Culcheth, Rixton (Warrington)
    "WA3": ("Greater Manchester", "Cheshire"),
    # Kidsgrove, Talke; Alsager (Cheshire East)
    "ST7": ("Staffordshire", "Cheshire"),
    # Tettenhall, Whitmore Reans; Perton, Pattingham (South Staffordshire)
    "WV6": ("West Midlands", "Staffordshire"),
    # Tamworth; Polesworth, Dordon (North Warwickshire)
    "B78": ("Staffordshire", "Warwickshire"),
    # Keresley, Meriden, Balsall Common; Exhall, Ash Green, Corley (Warwickshire)
    "CV7": ("West Midlands", "Warwickshire"),
    # Coulsdon (Croydon); Chipstead, Woodmansterne (Reigate and Banstead)
    "CR5": ("Metropolitan Police", "Surrey"),
    # Dartford; Crayford (Bexley)
    "DA1": ("Kent", "Metropolitan Police"),
    # Denham (Buckinghamshire); Harefield (Hillingdon)
    "UB9": ("Thames Valley", "Metropolitan Police"),
    # Horley (Reigate and Banstead); Gatwick Airport (Crawley)
    "RH6": ("Surrey", "Sussex"),
    # Aldershot (Rushmoor); Ash, Ash Vale (Guildford)
    "GU12": ("Hampshire", "Surrey"),
    # Hitchin; Stotfold, Shillington (Central Bedfordshire)
    "SG5": ("Hertfordshire", "Bedfordshire"),
    # Royston; Melbourn, Bassingbourn (South Cambridgeshire)
    "SG8": ("Hertfordshire", "Cambridgeshire"),
    # Wisbech, Elm (Fenland); Emneth, Outwell, Upwell (King's Lynn and West Norfolk)
    "PE14": ("Cambridgeshire", "Norfolk"),
}

LABEL_SPELLING = {"Middlesborough": "Middlesbrough"}  # misspelt Region, used as the label of TS90

ALIASES = ""  # the column exists because every vocabulary file has one; no aliases yet


def norm(name):
    """Matching key: case, surrounding spaces and space/hyphen/underscore differences ignored (as the README says)."""
    return re.sub(r"[\s_-]+", " ", name.strip().lower())


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def load_vocabularies():
    """Local authorities by normalised label or alias; force codes by label; each LA's force."""
    forces = {}
    for row in read_csv(POLICE_FORCE_AREAS):
        forces[row["label"]] = row["code"]
    la_by_name, la_force, la_label = {}, {}, {}
    for row in read_csv(LOCAL_AUTHORITIES):
        code = row["code"]
        la_force[code] = row["force_area"]
        la_label[row["label"]] = code
        for name in [row["label"]] + [a for a in row["aliases"].split(";") if a.strip()]:
            key = norm(name)
            if key in la_by_name and la_by_name[key] != code:
                sys.exit(f"local-authorities.csv: {name!r} names both {la_by_name[key]} and {code}")
            la_by_name[key] = code
    if set(la_force.values()) - set(forces.values()):
        sys.exit("local-authorities.csv: force_area not in police-force-areas.csv")
    return forces, la_by_name, la_force, la_label


def check_tables(forces, la_by_name, la_label):
    """Every name in the tables above must exist in the vocabularies; NAME_TO_LA keys must not already resolve."""
    problems = []
    for key, label in NAME_TO_LA.items():
        if label not in la_label:
            problems.append(f"NAME_TO_LA[{key!r}]: no local authority labelled {label!r}")
        if key in la_by_name:
            problems.append(f"NAME_TO_LA[{key!r}]: already resolves through local-authorities.csv")
    for key, label in REGION_TO_FORCE.items():
        if label not in forces:
            problems.append(f"REGION_TO_FORCE[{key!r}]: no force area labelled {label!r}")
    for code, label in LA_CORRECTIONS.items():
        if label not in la_label:
            problems.append(f"LA_CORRECTIONS[{code}]: no local authority labelled {label!r}")
    for code, labels in STRADDLING.items():
        for label in labels:
            if label not in forces:
                problems.append(f"STRADDLING[{code}]: no force area labelled {label!r}")
        if len(set(labels)) != len(labels) or len(labels) < 2:
            problems.append(f"STRADDLING[{code}]: needs two or more different forces")
    if problems:
        sys.exit("\n".join(problems))


def sort_key(code):
    """Postcode area letters, then the district number numerically, then the letter suffix (EC1A before EC1M)."""
    m = re.fullmatch(r"([A-Z]+)(\d*)([A-Z]*)", code)
    if not m:
        sys.exit(f"unexpected district code {code!r}")
    area, number, suffix = m.groups()
    return (area, int(number) if number else -1, suffix)


def area_of(code):
    return re.match(r"[A-Z]+", code).group()


def places(text):
    return [p.strip() for p in text.split(",") if p.strip()]


def make_label(row):
    """The Post Town (of several, the one that matches the earliest place of Town/Area), else the first place of
    Town/Area, else the Region."""
    town_area = places(row["Town/Area"])
    post_towns = places(row["Post Town"])
    if post_towns:
        for place in (p.lower() for p in town_area):
            matching = [t for t in post_towns if t.lower() in place or (len(place) >= 4 and place in t.lower())]
            if matching:
                return max(matching, key=len)  # "Welwyn Garden City" rather than "Welwyn"; stable on ties
        return post_towns[0]
    for place in town_area:
        if place.lower() != "non-geographic":
            return re.sub(r"\s+(city|town) centre$", "", place, flags=re.IGNORECASE)
    region = row["Region"].strip()
    region = LABEL_SPELLING.get(region, region)
    return "London" if region.lower().endswith("london") else region


def coordinate(value):
    """As given, with no more than 5 decimals (rounded half up, trailing zeros dropped)."""
    value = value.strip()
    if not value:
        return ""
    if "." in value and len(value.split(".")[1]) > 5:
        value = str(Decimal(value).quantize(Decimal("0.00001"), rounding=ROUND_HALF_UP))
        value = value.rstrip("0").rstrip(".")
    return value


def main(argv):
    if len(argv) > 2 or (len(argv) == 2 and argv[1] in ("-h", "--help")):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 64
    source = argv[1] if len(argv) == 2 else DEFAULT_SOURCE
    forces, la_by_name, la_force, la_label = load_vocabularies()
    check_tables(forces, la_by_name, la_label)
    rows = read_csv(source)
    codes = [r["Postcode"].strip().upper().replace(" ", "") for r in rows]
    if len(set(codes)) != len(codes):
        sys.exit("duplicate district codes in the source")

    # Country: the UK region when given, else the Region (Crown dependencies, BFPO), else the postcode area.
    country_of = {}
    for code, row in zip(codes, rows):
        uk_region = row["UK region"].strip()
        if uk_region:
            if uk_region not in UK_REGION_TO_COUNTRY:
                sys.exit(f"{code}: unknown UK region {uk_region!r}")
            country_of[code] = UK_REGION_TO_COUNTRY[uk_region]
        elif norm(row["Region"]) in REGION_TO_COUNTRY:
            country_of[code] = REGION_TO_COUNTRY[norm(row["Region"])]
    by_area = collections.defaultdict(collections.Counter)
    for code, country in country_of.items():
        by_area[area_of(code)][country] += 1
    for code in codes:
        if code in country_of:
            continue
        if code in COUNTRY_OVERRIDES:
            country_of[code] = COUNTRY_OVERRIDES[code]
        elif by_area[area_of(code)]:
            # Most common country of the area's districts (ties broken by name, to stay deterministic).
            counts = by_area[area_of(code)]
            country_of[code] = min(counts, key=lambda c: (-counts[c], c))
        elif area_of(code) == "BT":
            country_of[code] = "Northern Ireland"
        elif area_of(code) in SCOTTISH_AREAS:
            country_of[code] = "Scotland"
        else:
            sys.exit(f"{code}: cannot tell the country")

    out_rows, unplaced = [], []
    stats = collections.Counter()
    for code, row in sorted(zip(codes, rows), key=lambda cr: sort_key(cr[0])):
        country = country_of[code]
        region = row["Region"]
        la, force_list = "", []
        if country in ("England", "Wales"):
            key = norm(region)
            if code in LA_CORRECTIONS:
                la = la_label[LA_CORRECTIONS[code]]
                stats["corrected"] += 1
            elif key in la_by_name:
                la = la_by_name[key]
            elif key in NAME_TO_LA:
                la = la_label[NAME_TO_LA[key]]
            if la:
                force_list = [la_force[la]]
            elif key in REGION_TO_FORCE:
                city = "city of london" in (region + " " + row["Town/Area"]).lower()
                if city or (area_of(code) == "EC" and REGION_TO_FORCE[key] == "Metropolitan Police"):
                    # EC districts whose Region is just "London" are all non-geographic (PO boxes, large users)
                    # in the City's sorting area; the geographic ones name their borough.
                    force_list = [forces[CITY_OF_LONDON_FORCE]]
                else:
                    force_list = [forces[REGION_TO_FORCE[key]]]
            if code in STRADDLING:
                wanted = [forces[label] for label in STRADDLING[code]]
                if force_list and force_list[0] != wanted[0]:
                    sys.exit(f"STRADDLING[{code}]: main force {wanted[0]} but the district resolves to {force_list[0]}")
                force_list = wanted
                stats["straddling"] += 1
            if not force_list:
                unplaced.append(f"{code} (Region {region!r}, {row['Town/Area']!r})")
            elif la:
                stats["with_la"] += 1
            else:
                stats["force_only"] += 1
        elif code in LA_CORRECTIONS or code in STRADDLING:
            sys.exit(f"{code}: in a table but not in England or Wales")
        stats[country] += 1
        active = row["Active postcodes"].strip() or "0"
        out_rows.append([code, make_label(row), country, la, ";".join(force_list),
                         coordinate(row["Latitude"]), coordinate(row["Longitude"]), str(int(active)), ALIASES])

    for code in list(LA_CORRECTIONS) + list(STRADDLING):
        if code not in country_of:
            sys.exit(f"{code}: in a table but not in the source")

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(out_rows)
    with open(OUTPUT, "w", encoding="utf-8", newline="") as f:
        f.write(buffer.getvalue())

    for line in unplaced:
        print(f"no force area: {line}", file=sys.stderr)
    countries = ["England", "Wales", "Scotland", "Northern Ireland", "Channel Islands", "Isle of Man", "British Forces"]
    ew = stats["England"] + stats["Wales"]
    print(f"wrote {os.path.relpath(OUTPUT, ROOT)}: {len(out_rows)} districts", file=sys.stderr)
    print("  " + ", ".join(f"{c} {stats[c]}" for c in countries), file=sys.stderr)
    print(f"  England and Wales {ew}: {stats['with_la']} with a local authority ({stats['corrected']} corrected), "
          f"{stats['force_only']} with a force area only, {len(unplaced)} with neither; "
          f"{stats['straddling']} straddle a force boundary", file=sys.stderr)
    return 1 if unplaced else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
