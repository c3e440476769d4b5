#!/usr/bin/env python3
"""Generate Signpost's bundled SAMPLE CATALOG (fictional data).

Run from the repository root:

    python3 catalog/sample/generate.py

It rewrites, byte for byte identically on every run (fixed seed, standard library only):

    catalog/sample/pcc-*.xml                  five commissioners' lists in Signpost XML
    catalog/sample/national-helplines.csv     Signpost CSV, UTF-8, LF, comma
    catalog/sample/by-and-for-network.csv     Signpost CSV, UTF-8 with BOM, CRLF, comma, Title Case headers
    catalog/sample/kestrel-moor-advocacy.csv  Signpost CSV, Windows-1252, CRLF, semicolon
    catalog/sample/safer-communities-trust.csv Signpost CSV, UTF-8, LF, tab

Every organisation, person, address, phone number and charity number is invented. Phone numbers are in
Ofcom's ranges reserved for drama; web sites and e-mail addresses use example.org; charity numbers are
seven digits starting with 9 (no registered charity has one). Postcode districts and coordinates are real
(so that maps and area matching work); the inward halves of postcodes are invented.
"""

import csv
import datetime as dt
import io
import os
import random
import re

SEED = 20261122
OUT = os.path.dirname(os.path.abspath(__file__))
GENERATED = "2026-11-21"
TODAY = dt.date(2026, 11, 22)

# --------------------------------------------------------------------------------------------------
# Places
# --------------------------------------------------------------------------------------------------
# Phone ranges reserved by Ofcom for drama (each has 1,000 numbers).
PHONE_RANGES = {
    "leeds": ("0113 496 0", "{}"),
    "sheffield": ("0114 496 0", "{}"),
    "nottingham": ("0115 496 0", "{}"),
    "leicester": ("0116 496 0", "{}"),
    "bristol": ("0117 496 0", "{}"),
    "reading": ("0118 496 0", "{}"),
    "birmingham": ("0121 496 0", "{}"),
    "liverpool": ("0151 496 0", "{}"),
    "manchester": ("0161 496 0", "{}"),
    "tyneside": ("0191 498 0", "{}"),
    "london": ("020 7946 0", "{}"),
    "cardiff": ("029 2018 0", "{}"),
    "none": ("01632 960", "{}"),        # no real area code
    "freephone": ("0808 157 0", "{}"),
    "nongeo": ("0306 999 0", "{}"),
    "mobile": ("07700 900", "{}"),
}

# force code -> (name, short id, tier, language pool, towns)
# town: (key, display town, postcode district, lat, lon, local authority code or None, phone range, extra districts)
FORCES = [
    ("E23000001", "Metropolitan Police", "MET", "xl", ["bn", "syl", "so", "tr", "pl", "pt", "es", "ar", "ur", "ro", "fr", "ti", "am", "yue", "lt", "ku", "fa"], [
        ("Whitechapel", "London", "E1", 51.5176, -0.0625, "E09000030", "london", ["E1", "E2", "E3", "E14"]),
        ("Southwark", "London", "SE1", 51.5005, -0.0918, "E09000028", "london", []),
        ("Islington", "London", "N1", 51.5362, -0.1033, "E09000019", "london", []),
        ("Brixton", "London", "SW9", 51.4652, -0.1150, "E09000022", "london", []),
        ("Croydon", "Croydon", "CR0", 51.3762, -0.0982, "E09000008", "london", []),
        ("Hackney", "London", "E8", 51.5450, -0.0600, "E09000012", "london", []),
        ("Stratford", "London", "E15", 51.5410, 0.0010, "E09000025", "london", []),
        ("Harrow", "Harrow", "HA1", 51.5810, -0.3370, "E09000015", "london", []),
        ("Ealing", "London", "W5", 51.5135, -0.3045, "E09000009", "london", []),
    ]),
    ("E23000002", "Cumbria", "CUM", "s", ["pl", "ro"], [
        ("Carlisle", "Carlisle", "CA1", 54.8925, -2.9329, None, "none", []),
        ("Kendal", "Kendal", "LA9", 54.3280, -2.7460, None, "none", []),
        ("Barrow-in-Furness", "Barrow-in-Furness", "LA14", 54.1150, -3.2270, None, "none", []),
        ("Workington", "Workington", "CA14", 54.6425, -3.5470, None, "none", []),
    ]),
    ("E23000003", "Lancashire", "LAN", "l", ["ur", "pa", "gu", "pl", "bn"], [
        ("Preston", "Preston", "PR1", 53.7590, -2.6990, None, "none", []),
        ("Blackburn", "Blackburn", "BB1", 53.7485, -2.4820, "E06000008", "none", []),
        ("Blackpool", "Blackpool", "FY1", 53.8170, -3.0510, "E06000009", "none", []),
        ("Lancaster", "Lancaster", "LA1", 54.0470, -2.8010, None, "none", []),
        ("Burnley", "Burnley", "BB11", 53.7890, -2.2440, None, "none", []),
    ]),
    ("E23000004", "Merseyside", "MER", "l", ["pl", "ar", "so", "zh", "es", "ro"], [
        ("Liverpool", "Liverpool", "L1", 53.4030, -2.9800, "E08000012", "liverpool", ["L1", "L3", "L7", "L8"]),
        ("Birkenhead", "Birkenhead", "CH41", 53.3920, -3.0200, "E08000015", "liverpool", []),
        ("St Helens", "St Helens", "WA10", 53.4530, -2.7370, "E08000013", "none", []),
        ("Southport", "Southport", "PR8", 53.6430, -3.0050, "E08000014", "none", []),
    ]),
    ("E23000005", "Greater Manchester", "GMP", "xl", ["ur", "pa", "bn", "ar", "so", "pl", "ro", "zh", "ku", "fa", "ti"], [
        ("Manchester", "Manchester", "M1", 53.4790, -2.2370, "E08000003", "manchester", ["M1", "M4", "M13", "M14"]),
        ("Salford", "Salford", "M6", 53.4880, -2.2900, "E08000006", "manchester", []),
        ("Bolton", "Bolton", "BL1", 53.5780, -2.4300, "E08000001", "none", []),
        ("Oldham", "Oldham", "OL1", 53.5410, -2.1170, "E08000004", "manchester", []),
        ("Stockport", "Stockport", "SK1", 53.4080, -2.1570, "E08000007", "manchester", []),
        ("Wigan", "Wigan", "WN1", 53.5450, -2.6320, "E08000010", "none", []),
        ("Rochdale", "Rochdale", "OL16", 53.6150, -2.1550, "E08000005", "none", []),
    ]),
    ("E23000006", "Cheshire", "CHE", "m", ["pl", "ro"], [
        ("Chester", "Chester", "CH1", 53.1910, -2.8910, None, "none", []),
        ("Warrington", "Warrington", "WA1", 53.3900, -2.5900, "E06000007", "none", []),
        ("Crewe", "Crewe", "CW1", 53.0980, -2.4420, None, "none", []),
        ("Macclesfield", "Macclesfield", "SK11", 53.2590, -2.1250, None, "none", []),
    ]),
    ("E23000007", "Northumbria", "NOR", "l", ["ar", "fa", "ku", "pl", "zh", "bn"], [
        ("Newcastle upon Tyne", "Newcastle upon Tyne", "NE1", 54.9730, -1.6140, "E08000021", "tyneside", ["NE1", "NE2", "NE4", "NE6"]),
        ("Sunderland", "Sunderland", "SR1", 54.9060, -1.3810, "E08000024", "tyneside", []),
        ("Gateshead", "Gateshead", "NE8", 54.9530, -1.6030, "E08000037", "tyneside", []),
        ("North Shields", "North Shields", "NE29", 55.0090, -1.4480, "E08000022", "tyneside", []),
        ("Ashington", "Ashington", "NE63", 55.1810, -1.5680, None, "none", []),
    ]),
    ("E23000008", "Durham", "DUR", "m", ["pl", "ar"], [
        ("Durham", "Durham", "DH1", 54.7760, -1.5750, None, "tyneside", []),
        ("Darlington", "Darlington", "DL1", 54.5250, -1.5520, "E06000005", "none", []),
        ("Bishop Auckland", "Bishop Auckland", "DL14", 54.6640, -1.6770, None, "none", []),
        ("Consett", "Consett", "DH8", 54.8530, -1.8320, None, "none", []),
        ("Peterlee", "Peterlee", "SR8", 54.7600, -1.3360, None, "none", []),
    ]),
    ("E23000009", "North Yorkshire", "NYP", "m", ["pl", "ro", "ne"], [
        ("York", "York", "YO1", 53.9590, -1.0810, "E06000014", "none", []),
        ("Harrogate", "Harrogate", "HG1", 53.9920, -1.5390, None, "none", []),
        ("Scarborough", "Scarborough", "YO11", 54.2800, -0.4050, None, "none", []),
        ("Skipton", "Skipton", "BD23", 53.9610, -2.0170, None, "none", []),
    ]),
    ("E23000010", "West Yorkshire", "WY", "xl", ["ur", "pa", "pl", "ro", "bn", "gu", "ku", "ar", "sk", "cs", "lv"], [
        ("Leeds", "Leeds", "LS1", 53.7965, -1.5478, "E08000035", "leeds", ["LS1", "LS2", "LS6", "LS7", "LS8", "LS9", "LS11", "LS12"]),
        ("Bradford", "Bradford", "BD1", 53.7940, -1.7520, "E08000032", "none", []),
        ("Huddersfield", "Huddersfield", "HD1", 53.6458, -1.7850, "E08000034", "none", []),
        ("Wakefield", "Wakefield", "WF1", 53.6830, -1.4970, "E08000036", "none", []),
        ("Halifax", "Halifax", "HX1", 53.7210, -1.8620, "E08000033", "none", []),
        ("Dewsbury", "Dewsbury", "WF13", 53.6910, -1.6330, "E08000034", "none", []),
        ("Keighley", "Keighley", "BD21", 53.8670, -1.9100, "E08000032", "none", []),
    ]),
    ("E23000011", "South Yorkshire", "SYP", "l", ["ar", "so", "sk", "cs", "ro", "ur", "zh"], [
        ("Sheffield", "Sheffield", "S1", 53.3810, -1.4700, "E08000019", "sheffield", ["S1", "S2", "S3", "S10", "S11"]),
        ("Doncaster", "Doncaster", "DN1", 53.5230, -1.1330, "E08000017", "none", []),
        ("Rotherham", "Rotherham", "S60", 53.4300, -1.3570, "E08000018", "none", []),
        ("Barnsley", "Barnsley", "S70", 53.5530, -1.4820, "E08000016", "none", []),
    ]),
    ("E23000012", "Humberside", "HUM", "m", ["pl", "lt", "lv", "ku", "ar"], [
        ("Hull", "Hull", "HU1", 53.7440, -0.3330, "E06000010", "none", []),
        ("Grimsby", "Grimsby", "DN31", 53.5670, -0.0800, "E06000012", "none", []),
        ("Scunthorpe", "Scunthorpe", "DN15", 53.5890, -0.6520, "E06000013", "none", []),
        ("Bridlington", "Bridlington", "YO15", 54.0830, -0.1920, None, "none", []),
        ("Beverley", "Beverley", "HU17", 53.8420, -0.4300, None, "none", []),
    ]),
    ("E23000013", "Cleveland", "CLE", "m", ["ur", "ar", "pl", "fa"], [
        ("Middlesbrough", "Middlesbrough", "TS1", 54.5740, -1.2350, "E06000002", "none", []),
        ("Hartlepool", "Hartlepool", "TS24", 54.6900, -1.2100, "E06000001", "none", []),
        ("Stockton-on-Tees", "Stockton-on-Tees", "TS18", 54.5650, -1.3150, "E06000004", "none", []),
        ("Redcar", "Redcar", "TS10", 54.6170, -1.0690, "E06000003", "none", []),
    ]),
    ("E23000014", "West Midlands", "WMP", "xl", ["ur", "pa", "bn", "so", "ar", "pl", "ro", "gu", "hi", "ku", "ti", "yue"], [
        ("Birmingham", "Birmingham", "B1", 52.4800, -1.9050, "E08000025", "birmingham", ["B1", "B2", "B3", "B4", "B5"]),
        ("Sparkbrook", "Birmingham", "B11", 52.4600, -1.8700, "E08000025", "birmingham", []),
        ("Coventry", "Coventry", "CV1", 52.4080, -1.5100, "E08000026", "none", []),
        ("Wolverhampton", "Wolverhampton", "WV1", 52.5860, -2.1280, "E08000031", "none", []),
        ("Walsall", "Walsall", "WS1", 52.5850, -1.9820, "E08000030", "none", []),
        ("Dudley", "Dudley", "DY1", 52.5120, -2.0810, "E08000027", "none", []),
        ("West Bromwich", "West Bromwich", "B70", 52.5180, -1.9950, "E08000028", "birmingham", []),
        ("Solihull", "Solihull", "B91", 52.4130, -1.7780, "E08000029", "birmingham", []),
    ]),
    ("E23000015", "Staffordshire", "STA", "m", ["ur", "pa", "pl", "ro"], [
        ("Stoke-on-Trent", "Stoke-on-Trent", "ST1", 53.0250, -2.1770, "E06000021", "none", []),
        ("Stafford", "Stafford", "ST16", 52.8070, -2.1170, None, "none", []),
        ("Burton upon Trent", "Burton upon Trent", "DE14", 52.8030, -1.6350, None, "none", []),
        ("Tamworth", "Tamworth", "B79", 52.6340, -1.6950, None, "none", []),
    ]),
    ("E23000016", "West Mercia", "WME", "m", ["pl", "ro", "bg", "lt"], [
        ("Worcester", "Worcester", "WR1", 52.1930, -2.2210, None, "none", []),
        ("Shrewsbury", "Shrewsbury", "SY1", 52.7100, -2.7520, None, "none", []),
        ("Hereford", "Hereford", "HR1", 52.0570, -2.7150, "E06000019", "none", []),
        ("Telford", "Telford", "TF3", 52.6780, -2.4450, "E06000020", "none", []),
        ("Kidderminster", "Kidderminster", "DY10", 52.3880, -2.2490, None, "none", []),
    ]),
    ("E23000017", "Warwickshire", "WAR", "s", ["pl", "pa", "gu"], [
        ("Warwick", "Warwick", "CV34", 52.2820, -1.5850, None, "none", []),
        ("Nuneaton", "Nuneaton", "CV11", 52.5200, -1.4650, None, "none", []),
        ("Rugby", "Rugby", "CV21", 52.3710, -1.2620, None, "none", []),
        ("Leamington Spa", "Leamington Spa", "CV32", 52.2920, -1.5360, None, "none", []),
    ]),
    ("E23000018", "Derbyshire", "DER", "m", ["pa", "ur", "pl", "sk"], [
        ("Derby", "Derby", "DE1", 52.9220, -1.4770, "E06000015", "none", []),
        ("Chesterfield", "Chesterfield", "S40", 53.2350, -1.4270, None, "none", []),
        ("Buxton", "Buxton", "SK17", 53.2590, -1.9110, None, "none", []),
        ("Ilkeston", "Ilkeston", "DE7", 52.9710, -1.3090, None, "none", []),
    ]),
    ("E23000019", "Nottinghamshire", "NOT", "m", ["ur", "pa", "pl", "ro", "ar", "ku"], [
        ("Nottingham", "Nottingham", "NG1", 52.9540, -1.1490, "E06000018", "nottingham", ["NG1", "NG2", "NG3", "NG7"]),
        ("Mansfield", "Mansfield", "NG18", 53.1430, -1.1960, None, "none", []),
        ("Worksop", "Worksop", "S80", 53.3020, -1.1240, None, "none", []),
        ("Newark", "Newark", "NG24", 53.0760, -0.8090, None, "none", []),
    ]),
    ("E23000020", "Lincolnshire", "LIN", "m", ["pl", "lt", "lv", "bg", "ro", "pt"], [
        ("Lincoln", "Lincoln", "LN1", 53.2340, -0.5400, None, "none", []),
        ("Boston", "Boston", "PE21", 52.9770, -0.0250, None, "none", []),
        ("Grantham", "Grantham", "NG31", 52.9120, -0.6420, None, "none", []),
        ("Skegness", "Skegness", "PE25", 53.1440, 0.3380, None, "none", []),
        ("Spalding", "Spalding", "PE11", 52.7870, -0.1530, None, "none", []),
    ]),
    ("E23000021", "Leicestershire", "LEI", "m", ["gu", "pa", "hi", "ur", "so", "pl"], [
        ("Leicester", "Leicester", "LE1", 52.6360, -1.1330, "E06000016", "leicester", ["LE1", "LE2", "LE3", "LE4", "LE5"]),
        ("Loughborough", "Loughborough", "LE11", 52.7710, -1.2050, None, "none", []),
        ("Hinckley", "Hinckley", "LE10", 52.5390, -1.3740, None, "none", []),
        ("Melton Mowbray", "Melton Mowbray", "LE13", 52.7660, -0.8870, None, "none", []),
        ("Oakham", "Oakham", "LE15", 52.6700, -0.7290, "E06000017", "none", []),
    ]),
    ("E23000022", "Northamptonshire", "NTH", "m", ["pl", "ro", "lt", "pt"], [
        ("Northampton", "Northampton", "NN1", 52.2370, -0.8940, None, "none", []),
        ("Kettering", "Kettering", "NN16", 52.3980, -0.7260, None, "none", []),
        ("Corby", "Corby", "NN17", 52.4880, -0.7000, None, "none", []),
        ("Wellingborough", "Wellingborough", "NN8", 52.3030, -0.6940, None, "none", []),
    ]),
    ("E23000023", "Cambridgeshire", "CAM", "m", ["pl", "lt", "lv", "pt", "ur", "zh"], [
        ("Cambridge", "Cambridge", "CB1", 52.1990, 0.1370, None, "none", []),
        ("Peterborough", "Peterborough", "PE1", 52.5760, -0.2410, "E06000031", "none", []),
        ("Huntingdon", "Huntingdon", "PE29", 52.3310, -0.1830, None, "none", []),
        ("Wisbech", "Wisbech", "PE13", 52.6660, 0.1590, None, "none", []),
    ]),
    ("E23000024", "Norfolk", "NFK", "m", ["pl", "lt", "pt", "ro"], [
        ("Norwich", "Norwich", "NR1", 52.6290, 1.2980, None, "none", []),
        ("King's Lynn", "King's Lynn", "PE30", 52.7540, 0.3980, None, "none", []),
        ("Great Yarmouth", "Great Yarmouth", "NR30", 52.6080, 1.7290, None, "none", []),
        ("Thetford", "Thetford", "IP24", 52.4130, 0.7480, None, "none", []),
    ]),
    ("E23000025", "Suffolk", "SFK", "m", ["pl", "pt", "ro", "ku"], [
        ("Ipswich", "Ipswich", "IP1", 52.0590, 1.1500, None, "none", []),
        ("Bury St Edmunds", "Bury St Edmunds", "IP33", 52.2460, 0.7110, None, "none", []),
        ("Lowestoft", "Lowestoft", "NR32", 52.4810, 1.7500, None, "none", []),
        ("Sudbury", "Sudbury", "CO10", 52.0390, 0.7310, None, "none", []),
    ]),
    ("E23000026", "Bedfordshire", "BED", "m", ["ur", "bn", "pa", "pl", "ro", "it"], [
        ("Luton", "Luton", "LU1", 51.8790, -0.4170, "E06000032", "none", []),
        ("Bedford", "Bedford", "MK40", 52.1360, -0.4670, None, "none", []),
        ("Dunstable", "Dunstable", "LU6", 51.8860, -0.5210, None, "none", []),
        ("Leighton Buzzard", "Leighton Buzzard", "LU7", 51.9170, -0.6610, None, "none", []),
    ]),
    ("E23000027", "Hertfordshire", "HER", "m", ["pl", "ro", "ta", "ur"], [
        ("St Albans", "St Albans", "AL1", 51.7500, -0.3360, None, "none", []),
        ("Watford", "Watford", "WD17", 51.6580, -0.3970, None, "none", []),
        ("Stevenage", "Stevenage", "SG1", 51.9030, -0.2020, None, "none", []),
        ("Hemel Hempstead", "Hemel Hempstead", "HP1", 51.7530, -0.4720, None, "none", []),
    ]),
    ("E23000028", "Essex", "ESX", "l", ["pl", "ro", "lt", "bg", "tr"], [
        ("Chelmsford", "Chelmsford", "CM1", 51.7360, 0.4690, None, "none", []),
        ("Colchester", "Colchester", "CO1", 51.8890, 0.9040, None, "none", []),
        ("Southend-on-Sea", "Southend-on-Sea", "SS1", 51.5380, 0.7140, "E06000033", "none", []),
        ("Basildon", "Basildon", "SS14", 51.5720, 0.4570, None, "none", []),
        ("Harlow", "Harlow", "CM20", 51.7700, 0.0950, None, "none", []),
        ("Grays", "Grays", "RM17", 51.4780, 0.3250, "E06000034", "none", []),
    ]),
    ("E23000029", "Thames Valley", "TVP", "l", ["ur", "pa", "pl", "ro", "ne", "so"], [
        ("Oxford", "Oxford", "OX1", 51.7520, -1.2580, None, "none", []),
        ("Reading", "Reading", "RG1", 51.4550, -0.9710, "E06000038", "reading", []),
        ("Milton Keynes", "Milton Keynes", "MK9", 52.0420, -0.7570, "E06000042", "none", []),
        ("Slough", "Slough", "SL1", 51.5100, -0.5950, "E06000039", "none", []),
        ("High Wycombe", "High Wycombe", "HP11", 51.6280, -0.7480, None, "none", []),
        ("Banbury", "Banbury", "OX16", 52.0620, -1.3400, None, "none", []),
        ("Aylesbury", "Aylesbury", "HP20", 51.8170, -0.8130, None, "none", []),
    ]),
    ("E23000030", "Hampshire", "HAM", "l", ["ne", "pl", "pt", "bn", "ar", "tl"], [
        ("Southampton", "Southampton", "SO14", 50.9050, -1.4000, "E06000045", "none", []),
        ("Portsmouth", "Portsmouth", "PO1", 50.7990, -1.0900, "E06000044", "none", []),
        ("Basingstoke", "Basingstoke", "RG21", 51.2660, -1.0870, None, "none", []),
        ("Winchester", "Winchester", "SO23", 51.0630, -1.3110, None, "none", []),
        ("Newport IoW", "Newport", "PO30", 50.7010, -1.2930, "E06000046", "none", []),
        ("Aldershot", "Aldershot", "GU11", 51.2480, -0.7600, None, "none", []),
    ]),
    ("E23000031", "Surrey", "SUR", "m", ["pl", "ur", "ta", "ne"], [
        ("Guildford", "Guildford", "GU1", 51.2360, -0.5700, None, "none", []),
        ("Woking", "Woking", "GU21", 51.3190, -0.5580, None, "none", []),
        ("Redhill", "Redhill", "RH1", 51.2400, -0.1700, None, "none", []),
        ("Epsom", "Epsom", "KT17", 51.3330, -0.2680, None, "none", []),
        ("Staines-upon-Thames", "Staines-upon-Thames", "TW18", 51.4330, -0.5110, None, "none", []),
    ]),
    ("E23000032", "Kent", "KEN", "l", ["pl", "ro", "bg", "lt", "ne", "pa", "sq"], [
        ("Maidstone", "Maidstone", "ME14", 51.2780, 0.5250, None, "none", []),
        ("Canterbury", "Canterbury", "CT1", 51.2790, 1.0800, None, "none", []),
        ("Chatham", "Chatham", "ME4", 51.3800, 0.5270, "E06000035", "none", []),
        ("Margate", "Margate", "CT9", 51.3890, 1.3860, None, "none", []),
        ("Ashford", "Ashford", "TN23", 51.1460, 0.8690, None, "none", []),
        ("Dover", "Dover", "CT16", 51.1330, 1.3050, None, "none", []),
        ("Gravesend", "Gravesend", "DA11", 51.4410, 0.3700, None, "none", []),
    ]),
    ("E23000033", "Sussex", "SSX", "l", ["pl", "ar", "fa", "pt", "es"], [
        ("Brighton", "Brighton", "BN1", 50.8240, -0.1400, "E06000043", "none", []),
        ("Hastings", "Hastings", "TN34", 50.8570, 0.5780, None, "none", []),
        ("Crawley", "Crawley", "RH10", 51.1130, -0.1650, None, "none", []),
        ("Eastbourne", "Eastbourne", "BN21", 50.7680, 0.2840, None, "none", []),
        ("Worthing", "Worthing", "BN11", 50.8140, -0.3710, None, "none", []),
        ("Chichester", "Chichester", "PO19", 50.8360, -0.7790, None, "none", []),
    ]),
    ("E23000034", "City of London", "COL", "xs", ["fr", "es", "pl", "zh"], [
        ("City EC2V", "London", "EC2V", 51.5150, -0.0930, "E09000001", "london", ["EC2V", "EC2M", "EC2Y", "EC4M"]),
        ("City EC4M", "London", "EC4M", 51.5146, -0.1010, "E09000001", "london", []),
        ("City EC2M", "London", "EC2M", 51.5180, -0.0810, "E09000001", "london", []),
    ]),
    ("E23000035", "Devon and Cornwall", "DCP", "l", ["pl", "pt", "ro"], [
        ("Exeter", "Exeter", "EX1", 50.7250, -3.5270, None, "none", []),
        ("Plymouth", "Plymouth", "PL1", 50.3710, -4.1420, "E06000026", "none", []),
        ("Truro", "Truro", "TR1", 50.2630, -5.0510, None, "none", []),
        ("Torquay", "Torquay", "TQ1", 50.4650, -3.5250, "E06000027", "none", []),
        ("Barnstaple", "Barnstaple", "EX31", 51.0800, -4.0580, None, "none", []),
        ("Camborne", "Camborne", "TR14", 50.2130, -5.3000, None, "none", []),
    ]),
    ("E23000036", "Avon and Somerset", "ASP", "l", ["so", "pl", "ar", "ur", "pa", "ro", "es"], [
        ("Bristol", "Bristol", "BS1", 51.4540, -2.5930, "E06000023", "bristol", ["BS1", "BS2", "BS3", "BS5", "BS6"]),
        ("Bath", "Bath", "BA1", 51.3820, -2.3600, "E06000022", "none", []),
        ("Taunton", "Taunton", "TA1", 51.0150, -3.1010, None, "none", []),
        ("Weston-super-Mare", "Weston-super-Mare", "BS23", 51.3460, -2.9770, "E06000024", "none", []),
        ("Yeovil", "Yeovil", "BA20", 50.9410, -2.6330, None, "none", []),
        ("Bridgwater", "Bridgwater", "TA6", 51.1280, -3.0040, None, "none", []),
    ]),
    ("E23000037", "Gloucestershire", "GLO", "s", ["pl", "ro", "gu", "so"], [
        ("Gloucester", "Gloucester", "GL1", 51.8640, -2.2440, None, "none", []),
        ("Cheltenham", "Cheltenham", "GL50", 51.9000, -2.0760, None, "none", []),
        ("Stroud", "Stroud", "GL5", 51.7450, -2.2170, None, "none", []),
        ("Cinderford", "Cinderford", "GL14", 51.8240, -2.4990, None, "none", []),
    ]),
    ("E23000038", "Wiltshire", "WIL", "s", ["pl", "ne", "pt", "ro"], [
        ("Swindon", "Swindon", "SN1", 51.5580, -1.7810, "E06000030", "none", []),
        ("Salisbury", "Salisbury", "SP1", 51.0700, -1.7950, None, "none", []),
        ("Trowbridge", "Trowbridge", "BA14", 51.3190, -2.2080, None, "none", []),
        ("Chippenham", "Chippenham", "SN15", 51.4580, -2.1160, None, "none", []),
    ]),
    ("E23000039", "Dorset", "DOR", "s", ["pl", "pt", "ro", "es"], [
        ("Bournemouth", "Bournemouth", "BH1", 50.7220, -1.8720, None, "none", []),
        ("Poole", "Poole", "BH15", 50.7160, -1.9830, None, "none", []),
        ("Dorchester", "Dorchester", "DT1", 50.7150, -2.4370, None, "none", []),
        ("Weymouth", "Weymouth", "DT4", 50.6140, -2.4570, None, "none", []),
    ]),
    ("W15000001", "North Wales", "NWP", "m", ["cy", "pl", "pt", "ro"], [
        ("Wrexham", "Wrexham", "LL11", 53.0470, -2.9930, "W06000006", "none", []),
        ("Bangor", "Bangor", "LL57", 53.2270, -4.1290, "W06000002", "none", []),
        ("Rhyl", "Rhyl", "LL18", 53.3190, -3.4920, "W06000004", "none", []),
        ("Colwyn Bay", "Colwyn Bay", "LL29", 53.2950, -3.7260, "W06000003", "none", []),
        ("Holyhead", "Holyhead", "LL65", 53.3090, -4.6330, "W06000001", "none", []),
        ("Mold", "Mold", "CH7", 53.1670, -3.1420, "W06000005", "none", []),
    ]),
    ("W15000002", "Gwent", "GWE", "m", ["cy", "ur", "bn", "ar", "pl"], [
        ("Newport", "Newport", "NP20", 51.5880, -2.9970, "W06000022", "none", []),
        ("Pontypool", "Pontypool", "NP4", 51.7020, -3.0430, "W06000020", "none", []),
        ("Ebbw Vale", "Ebbw Vale", "NP23", 51.7770, -3.2040, "W06000019", "none", []),
        ("Abergavenny", "Abergavenny", "NP7", 51.8240, -3.0170, "W06000021", "none", []),
        ("Caerphilly", "Caerphilly", "CF83", 51.5750, -3.2180, "W06000018", "none", []),
    ]),
    ("W15000003", "South Wales", "SWP", "l", ["cy", "ar", "so", "bn", "ur", "pl", "zh"], [
        ("Cardiff", "Cardiff", "CF10", 51.4780, -3.1770, "W06000015", "cardiff", ["CF10", "CF11", "CF24", "CF5"]),
        ("Swansea", "Swansea", "SA1", 51.6200, -3.9430, "W06000011", "none", []),
        ("Bridgend", "Bridgend", "CF31", 51.5050, -3.5770, "W06000013", "none", []),
        ("Merthyr Tydfil", "Merthyr Tydfil", "CF47", 51.7460, -3.3780, "W06000024", "none", []),
        ("Pontypridd", "Pontypridd", "CF37", 51.6010, -3.3420, "W06000016", "none", []),
        ("Port Talbot", "Port Talbot", "SA13", 51.5920, -3.7800, "W06000012", "none", []),
        ("Barry", "Barry", "CF62", 51.4010, -3.2700, "W06000014", "cardiff", []),
    ]),
    ("W15000004", "Dyfed-Powys", "DPP", "m", ["cy", "pl", "pt"], [
        ("Carmarthen", "Carmarthen", "SA31", 51.8570, -4.3110, "W06000010", "none", []),
        ("Aberystwyth", "Aberystwyth", "SY23", 52.4150, -4.0820, "W06000008", "none", []),
        ("Llanelli", "Llanelli", "SA15", 51.6830, -4.1620, "W06000010", "none", []),
        ("Haverfordwest", "Haverfordwest", "SA61", 51.8010, -4.9690, "W06000009", "none", []),
        ("Newtown", "Newtown", "SY16", 52.5130, -3.3130, "W06000023", "none", []),
        ("Brecon", "Brecon", "LD3", 51.9470, -3.3910, "W06000023", "none", []),
    ]),
]

WELSH_TOWN = {
    "Cardiff": "Caerdydd", "Swansea": "Abertawe", "Newport": "Casnewydd", "Wrexham": "Wrecsam",
    "Carmarthen": "Caerfyrddin", "Bangor": "Bangor", "Aberystwyth": "Aberystwyth", "Bridgend": "Pen-y-bont ar Ogwr",
    "Merthyr Tydfil": "Merthyr Tudful", "Llanelli": "Llanelli", "Haverfordwest": "Hwlffordd", "Brecon": "Aberhonddu",
    "Newtown": "Y Drenewydd", "Rhyl": "Y Rhyl", "Colwyn Bay": "Bae Colwyn", "Holyhead": "Caergybi", "Mold": "Yr Wyddgrug",
    "Pontypool": "Pont-y-p\u0175l", "Ebbw Vale": "Glynebwy", "Abergavenny": "Y Fenni", "Caerphilly": "Caerffili",
    "Pontypridd": "Pontypridd", "Port Talbot": "Port Talbot", "Barry": "Y Barri",
}

WELSH_AREA = {"W15000001": "Gogledd Cymru", "W15000002": "Gwent", "W15000003": "De Cymru", "W15000004": "Dyfed-Powys"}

# Postcode areas used in coverage, with the force areas they (partly) fall in.
POSTCODE_AREA_COVERAGE = {
    "E23000007": [["NE", "DH"], ["NE", "SR"]],
    "E23000008": [["DH", "DL"]],
    "E23000010": [["BD", "HX"], ["HD", "WF"]],
    "E23000011": [["S"]],
    "E23000013": [["TS"]],
    "E23000036": [["BS", "BA"]],
    "E23000035": [["PL", "TR"]],
    "W15000003": [["CF"]],
    "W15000001": [["LL"]],
}

FORCE_BY_CODE = {f[0]: f for f in FORCES}
# How a force area is named in service names and descriptions, where the force's name would read oddly.
AREA_LABEL = {"E23000001": "London", "E23000008": "County Durham and Darlington", "E23000034": "City of London"}
TOWNS = {}
for _f in FORCES:
    for _t in _f[5]:
        _label = "City of London" if _t[0].startswith("City ") else _t[1] if _t[0] == "Newport IoW" else _t[0]
        TOWNS[_t[0]] = dict(key=_t[0], label=_label, town=_t[1], district=_t[2], lat=_t[3], lon=_t[4], la=_t[5],
                            phone=_t[6], districts=_t[7], force=_f[0], force_name=_f[1])

STREETS = ["Station Road", "High Street", "Market Place", "Church Lane", "Mill Street", "Victoria Road", "Albert Street",
           "Queen Street", "King Street", "Park Road", "New Road", "Chapel Street", "Bridge Street", "North Road",
           "Union Street", "Castle Street", "George Street", "Princess Street", "Commercial Road", "Cross Street",
           "Regent Street", "Water Lane", "Green Lane", "Hope Street", "Duke Street", "Portland Street", "Brook Street",
           "Mount Pleasant", "Broad Street", "Priory Road"]
BUILDINGS = ["Unit 4, Riverside Court", "Suite 2, Enterprise House", "Ground Floor, Carlton Chambers",
             "The Old Library", "First Floor, Exchange Buildings", "Room 12, Community House", "The Coach House",
             "Unit 9, Canal Wharf", "Second Floor, Norfolk House", "Studio 3, The Mill"]

# --------------------------------------------------------------------------------------------------
# Words for invented organisation names
# --------------------------------------------------------------------------------------------------
FLORA = ["Harebell", "Teasel", "Larkspur", "Sorrel", "Tansy", "Yarrow", "Campion", "Burdock", "Meadowsweet", "Knapweed",
         "Speedwell", "Vetch", "Toadflax", "Bistort", "Agrimony", "Chicory", "Stitchwort", "Eyebright", "Celandine",
         "Woodruff", "Selfheal", "Coltsfoot", "Fleabane", "Betony", "Hawkbit", "Mallow", "Tormentil", "Cowslip",
         "Feverfew", "Lovage", "Rampion", "Samphire", "Dunnock", "Linnet", "Yellowhammer", "Stonechat", "Redpoll",
         "Siskin", "Brambling", "Fieldfare", "Redwing", "Goldcrest", "Nuthatch", "Treecreeper", "Wagtail", "Dipper",
         "Sandpiper", "Curlew", "Godwit", "Whimbrel", "Shearwater", "Sanderling", "Turnstone", "Bittern", "Merlin",
         "Hobby", "Kittiwake", "Fulmar", "Guillemot", "Chiffchaff", "Blackcap", "Whitethroat", "Wheatear", "Ouzel",
         "Hazel", "Alder", "Rowan", "Hornbeam", "Juniper", "Blackthorn", "Spindle", "Guelder", "Wayfaring", "Sweetbriar",
         "Foxglove", "Bluebell", "Primrose", "Snowdrop", "Marigold", "Cornflower", "Poppyfield", "Thrift", "Sea Holly",
         "Saltwort", "Bracken", "Heather", "Bilberry", "Cloudberry", "Sundew", "Cotton Grass", "Bog Myrtle", "Marram",
         "Flint", "Chalk", "Slate", "Millstone", "Ironstone", "Greensand", "Limestone", "Gritstone"]
PLACEWORDS = ["Lane", "Court", "Bridge", "Gate", "Yard", "Row", "Fold", "Green", "Hill", "Close", "Wharf", "Mews",
              "Brow", "Garth", "Croft", "Ridge"]
WELSH_STEMS = ["Eirlys", "Briallu", "Grug", "Dryw", "Gwennol", "Bronfraith", "Meillion", "Helygen", "Derwen",
               "Criafol", "Mwyalchen", "Llinos", "Glaslyn", "Ehedydd", "Cennin", "Rhedyn", "Eithin", "Mafon",
               "Collen", "Ysgawen", "Gwernen", "Celynnen", "Bedwen", "Ywen", "Gwyddfid", "Clychau", "Tegeirian",
               "Pabi", "Brwynen", "Gwlithen"]

# --------------------------------------------------------------------------------------------------
# Service archetypes
# --------------------------------------------------------------------------------------------------
# Each archetype: names, needs, optional extra needs, specialisms, crimes, ages, channels, routes, unit, capacity
# range, wait range, provider kind, hours, descriptions.
HOURS_OFFICE = ["Mon-Fri 09:00-17:00", "Mon-Fri 09:00-17:00", "Mon-Fri 08:30-16:30", "Mon-Thu 09:00-17:00, Fri 09:00-16:30",
                "Mon-Fri 09:00-17:00; Wed until 19:00", "Mon-Fri 10:00-16:00", "Mon-Fri 09:00-18:00, Sat 10:00-13:00"]
HOURS_LONG = ["Mon-Fri 08:00-20:00", "Mon-Fri 09:00-20:00, Sat 10:00-16:00", "Mon-Sun 08:00-22:00", "24 hours"]

ARCH = {
    "da_outreach": dict(
        names=["{town} Domestic Abuse Outreach", "{town} Community Domestic Abuse Service", "{town} Domestic Abuse Drop-in",
               "{town} Safety & Recovery Service"],
        needs=["domestic-abuse", "emotional-practical-support"], opt=["economic-abuse", "stalking"],
        spec=[], optspec=["female-worker"], crimes=[["domestic-abuse"], [], ["domestic-abuse", "stalking", "harassment"]],
        ages=[(16, None), (18, None), (16, None)], channels=["phone", "face-to-face", "outreach"], optch=["online", "text", "video"],
        routes=["police", "self", "professional"], unit="cases", cap=(30, 120), wait=(1, 14), kind="da",
        hours=HOURS_OFFICE, risks=[[], [], [], ["standard", "medium"]],
        desc=[
            "Community-based support for anyone experiencing domestic abuse in {area}, including safety planning, help with housing and benefits, and going with clients to appointments.",
            "Outreach workers meet survivors at home, at a GP surgery or anywhere else that feels safe, and stay alongside them for as long as they need, usually three to six months.",
            "Drop-in and outreach support for people living with domestic abuse in and around {town}. Nobody has to report to the police to get help.",
            "Practical & emotional support after domestic abuse: safety plans, help with non-molestation orders and a weekly peer group in {town}.",
        ]),
    "idva": dict(
        names=["{area} IDVA Service", "{town} Independent Domestic Violence Advisers", "{town} High-Risk Domestic Abuse Advocacy"],
        needs=["domestic-abuse", "idva"], opt=["stalking", "honour-based-abuse"], spec=[], optspec=["female-worker"],
        crimes=[["domestic-abuse"], ["domestic-abuse", "stalking"]], ages=[(16, None)],
        channels=["phone", "face-to-face"], optch=["outreach", "video", "text"],
        routes=["police", "marac", "professional", "self"], unit="cases", cap=(40, 160), wait=(0, 3), kind="da",
        hours=HOURS_OFFICE, risks=[["high"], ["high"], ["medium", "high"]],
        desc=[
            "Independent Domestic Violence Advisers for victims at high risk of serious harm, working closely with MARAC, the police and children's services across {area}.",
            "Short-term, intensive advocacy for high-risk domestic abuse victims. An IDVA makes contact within one working day of referral and can support clients through criminal and civil courts.",
            "Hospital- and community-based IDVAs for {area}. Most referrals come from MARAC and the police, but professionals and victims themselves can also refer.",
        ]),
    "refuge": dict(
        names=["{town} Women's Refuge", "{town} Refuge (House {n})", "{town} Safe House for Women and Children"],
        needs=["safe-accommodation", "domestic-abuse"], opt=["emotional-practical-support"], spec=["women-only"], optspec=[],
        crimes=[["domestic-abuse"]], ages=[(16, None), (18, None)], genders=["female"],
        channels=["phone", "face-to-face"], optch=[], routes=["police", "self", "professional"], unit="places",
        cap=(6, 24), wait=(0, 2), kind="da", hours=["24 hours", "24 hours", "Office Mon-Fri 09:00-17:00; on-call 24 hours"],
        confidential=True,
        desc=[
            "Safe, self-contained accommodation for women and their children fleeing domestic abuse, with a dedicated support worker and a children's worker. The address is never given out.",
            "Refuge accommodation in {town} for women (and their children) escaping domestic abuse. Staffed on site during the day with an on-call worker at night.",
            "Emergency and short-stay safe accommodation, with help to find a permanent home, register with a GP and settle children into a new school.",
        ]),
    "isva": dict(
        names=["{area} ISVA Service", "{town} Independent Sexual Violence Advisers", "{town} Sexual Violence Advocacy"],
        needs=["sexual-violence", "isva"], opt=["court-witness-support"], spec=[], optspec=["female-worker"],
        crimes=[["rape", "sexual-assault"]], ages=[(13, None), (16, None), (18, None)],
        channels=["phone", "face-to-face"], optch=["video", "email"], routes=["police", "self", "professional"],
        unit="cases", cap=(40, 180), wait=(10, 60), kind="sv", hours=HOURS_OFFICE,
        desc=[
            "Independent Sexual Violence Advisers supporting anyone who has been raped or sexually assaulted, whenever it happened and whether or not they have reported it.",
            "ISVAs give impartial information and support through the criminal justice process, from the first police interview to the end of a trial and beyond.",
            "Specialist advocacy after rape or sexual assault, based at the {town} sexual assault referral centre and covering the whole of {area}.",
        ]),
    "sv_therapy": dict(
        names=["{town} Sexual Violence Counselling", "{town} Survivors' Therapy Service", "{area} Trauma Therapy for Survivors"],
        needs=["sexual-violence", "mental-health-trauma"], opt=["child-sexual-abuse"], spec=[], optspec=["female-worker"],
        crimes=[["rape", "sexual-assault", "child-abuse"], []], ages=[(18, None), (16, None)],
        channels=["face-to-face", "video"], optch=["phone"], routes=["self", "professional", "police"],
        unit="sessions-per-week", cap=(20, 90), wait=(40, 150), kind="sv", hours=HOURS_OFFICE,
        desc=[
            "Trauma-informed counselling for adult survivors of rape, sexual assault and childhood sexual abuse. Sessions are weekly, for up to 24 weeks.",
            "Long-term counselling for survivors of sexual violence, including pre-trial therapy that follows CPS guidance. There is a waiting list for face-to-face sessions.",
            "One-to-one and group therapy for survivors of sexual abuse, plus a monthly drop-in for partners and family members in {town}.",
        ]),
    "csa": dict(
        names=["{town} Children's Sexual Abuse Support", "{area} Adult Survivors of Childhood Abuse Service"],
        variants=True,  # names[i], desc[i] and ages[i] go together
        needs=["child-sexual-abuse", "sexual-violence"], opt=["mental-health-trauma"], spec=[], optspec=[],
        crimes=[["child-abuse", "sexual-assault", "rape"]], ages=[(5, 18), (18, None)],
        channels=["face-to-face", "phone"], optch=["video"], routes=["police", "self", "professional"],
        unit="cases", cap=(20, 70), wait=(20, 110), kind="sv", hours=HOURS_OFFICE,
        desc=[
            "Specialist support for children and young people who have been sexually abused, and for their safe parents and carers, including creative and play-based therapy.",
            "Therapeutic support for adults who were sexually abused as children, whether or not they have told anyone before or reported it.",
        ]),
    "children": dict(
        names=["{town} Young Victims Service", "{area} Children and Young People's Support", "{town} Children Affected by Domestic Abuse"],
        needs=["children-young-people", "emotional-practical-support"], opt=["domestic-abuse", "violent-crime"],
        spec=["children-young-people"], optspec=[], crimes=[[]], ages=[(0, 17), (5, 18), (5, 18)],
        channels=["face-to-face", "phone"], optch=["online", "outreach", "text"], routes=["police", "self", "professional"],
        unit="cases", cap=(25, 110), wait=(5, 35), kind="youth", hours=HOURS_OFFICE,
        desc=[
            "Support for children and young people who have been victims of crime or have lived with domestic abuse, delivered in school, at home or online.",
            "One-to-one work and group programmes for children affected by domestic abuse, helping them make sense of what happened and feel safe again.",
            "Emotional and practical support for young victims of crime in {area}, with advice for parents and carers too.",
        ]),
    "child_exploitation": dict(
        names=["{area} Child Exploitation Service", "{town} Missing & Exploited Young People Project"],
        needs=["child-exploitation", "children-young-people"], opt=["modern-slavery", "child-sexual-abuse"],
        spec=["children-young-people"], optspec=[], crimes=[["child-abuse", "modern-slavery"], []], ages=[(10, 17), (11, 18)],
        channels=["outreach", "face-to-face", "text"], optch=["phone"], routes=["police", "professional", "self"],
        unit="cases", cap=(15, 60), wait=(2, 20), kind="youth", hours=HOURS_LONG,
        desc=[
            "Specialist workers supporting young people at risk of, or experiencing, criminal and sexual exploitation, including county lines, across {area}.",
            "Trusted-relationship support for children being groomed or exploited, working with schools, social care and the police to keep them safe.",
        ]),
    "violent_youth": dict(
        names=["{town} Youth Violence Intervention", "{town} Hospital Youth Work Team"],
        needs=["violent-crime", "children-young-people"], opt=["child-exploitation"], spec=["children-young-people"], optspec=[],
        crimes=[["violence-with-injury", "robbery"], ["violence-with-injury", "violence-without-injury"]], ages=[(11, 25), (10, 24)],
        channels=["face-to-face", "outreach", "text"], optch=["phone"], routes=["police", "professional", "self"],
        unit="referrals-per-week", cap=(5, 30), wait=(0, 5), kind="youth", hours=["Mon-Sun 12:00-00:00", "Thu-Sun 16:00-02:00", "Mon-Fri 10:00-20:00"],
        desc=[
            "Youth workers based in {town}'s emergency department and custody suites, supporting young people affected by violence, including knife crime, at the 'teachable moment'.",
            "Mentoring and practical help for young people who have been stabbed, assaulted or robbed, aiming to break the cycle of retaliation.",
        ]),
    "stalking": dict(
        names=["{area} Stalking Advocacy Service", "{town} Stalking & Harassment Advocacy"],
        needs=["stalking", "harassment"], opt=["cybercrime"], spec=[], optspec=[],
        crimes=[["stalking", "harassment"]], ages=[(16, None), (18, None)], channels=["phone", "face-to-face", "email"],
        optch=["video"], routes=["police", "self", "professional", "marac"], unit="cases", cap=(25, 90), wait=(3, 25),
        kind="da", hours=HOURS_OFFICE,
        desc=[
            "Specialist stalking advocacy: risk assessment, safety planning and help with Stalking Protection Orders across {area}.",
            "Independent stalking advocates supporting victims of stalking and serious harassment, including online stalking and stalking by ex-partners.",
        ]),
    "hate_crime": dict(
        names=["{area} Hate Crime Support", "{town} Hate Crime Advocacy & Reporting Centre"],
        needs=["hate-crime", "harassment"], opt=["emotional-practical-support"], spec=[], optspec=["faith-communities", "disabled-people", "lgbt-plus"],
        crimes=[["hate-crime", "public-order", "harassment"], ["hate-crime"]], ages=[(16, None), (11, None), (18, None)],
        channels=["phone", "face-to-face", "online"], optch=["email", "text"], routes=["police", "self", "professional"],
        unit="cases", cap=(20, 80), wait=(2, 15), kind="hub", hours=HOURS_OFFICE,
        desc=[
            "Confidential support and third-party reporting for victims of hate crime in {area}. Caseworkers can speak to landlords, schools and employers for you.",
            "Help for anyone targeted because of their race, religion, disability, sexual orientation or gender identity, whether or not it has been reported to the police.",
        ]),
    "rj": dict(
        names=["{area} Restorative Justice Service", "{town} Restorative Justice Hub"],
        needs=["restorative-justice"], opt=["emotional-practical-support"], spec=[], optspec=[],
        crimes=[[]], ages=[(10, None), (18, None), (16, None)], channels=["face-to-face", "phone", "letter"], optch=["video"],
        routes=["police", "self", "professional", "witness-care"], unit="referrals-per-week", cap=(5, 25), wait=(14, 60),
        kind="hub", hours=HOURS_OFFICE,
        desc=[
            "Restorative justice: a safe, facilitated way for victims to communicate with the person who harmed them, by letter, video or in a face-to-face meeting.",
            "Trained facilitators prepare everyone carefully before any restorative meeting. Open to victims of any crime in {area}, at any stage of the justice process.",
        ]),
    "court": dict(
        names=["{town} Court & Witness Support", "{area} Witness Support Service"],
        needs=["court-witness-support", "emotional-practical-support"], opt=[], spec=[], optspec=[],
        crimes=[[]], ages=[(None, None), (11, None)], channels=["face-to-face", "phone"], optch=["video"],
        routes=["witness-care", "police", "self", "professional"], unit="referrals-per-week", cap=(10, 40), wait=(1, 10),
        kind="hub", hours=["Mon-Fri 08:30-17:00", "Mon-Fri 09:00-17:00"], court=True,
        desc=[
            "Practical and emotional support for victims and witnesses before and during a trial, including pre-trial visits to {town}'s courts and help with special measures.",
            "Staff and volunteers support witnesses on the day of a trial at the Crown and magistrates' courts in {town}, and explain what happens next.",
        ]),
    "hub": dict(
        names=["{area} Victim Care Hub", "{area} Victims' Gateway", "{town} Victim and Witness Hub"],
        needs=["emotional-practical-support"], opt=["burglary-home-security", "violent-crime", "fraud", "anti-social-behaviour"],
        spec=[], optspec=[], crimes=[[], [], ["burglary-residential", "burglary-business", "theft", "vehicle-crime", "criminal-damage-arson", "robbery"]],
        ages=[(None, None), (10, None)], channels=["phone", "face-to-face", "online", "email"],
        optch=["text", "video", "letter"], routes=["police", "self", "professional", "witness-care"], unit="referrals-per-week",
        cap=(40, 200), wait=(0, 7), kind="hub", hours=["Mon-Fri 08:00-20:00, Sat 09:00-17:00", "Mon-Fri 09:00-19:00", "Mon-Fri 08:00-18:00"],
        desc=[
            "The {area} victim hub: one point of contact for anyone affected by crime, offering a needs assessment, emotional and practical support, and referral to specialist services.",
            "Free, confidential help after any crime, reported or not. Caseworkers can help with insurance, home security, compensation claims and keeping up with your case.",
            "A single front door for victims in {area}: call, chat online or ask the police to refer you, and a caseworker will be in touch within two working days.",
        ]),
    "fraud": dict(
        names=["{area} Fraud Victims' Casework", "{town} Scams & Fraud Recovery Service"],
        needs=["fraud", "emotional-practical-support"], opt=["cybercrime", "elder-abuse"], spec=[], optspec=["older-people"],
        crimes=[["fraud", "computer-misuse"], ["fraud"]], ages=[(18, None)], channels=["phone", "face-to-face", "letter"],
        optch=["email", "outreach"], routes=["police", "self", "professional"], unit="cases", cap=(30, 150), wait=(2, 20),
        kind="hub", hours=HOURS_OFFICE,
        desc=[
            "One-to-one support for victims of fraud and scams, including help to contact banks, recover money where possible and avoid being targeted again.",
            "Home visits and phone support for older and vulnerable people who have lost money to doorstep, romance or investment fraud.",
        ]),
    "cyber": dict(
        names=["{area} Cybercrime Advice for Victims", "{town} Online Harm Advice Service"],
        needs=["cybercrime"], opt=["fraud", "image-based-abuse", "harassment"], spec=[], optspec=[],
        crimes=[["computer-misuse", "fraud", "harassment"]], ages=[(16, None), (13, None)], channels=["online", "phone", "email"],
        optch=["video"], routes=["police", "self", "professional"], unit="referrals-per-week", cap=(10, 40), wait=(1, 10),
        kind="hub", hours=HOURS_OFFICE, online=True,
        desc=[
            "Help for victims of online crime, including hacked accounts, sextortion, online harassment and identity theft, with practical steps to secure devices and accounts.",
            "Advisers walk you through recovering hacked accounts and reporting online crime, and check in again a month later.",
        ]),
    "asb": dict(
        names=["{area} ASB Victims' Advocacy", "{town} Anti-Social Behaviour Case Support"],
        needs=["anti-social-behaviour", "harassment"], opt=["emotional-practical-support"], spec=[], optspec=[],
        crimes=[["anti-social-behaviour", "criminal-damage-arson", "public-order"], ["anti-social-behaviour"]], ages=[(16, None), (18, None)],
        channels=["phone", "face-to-face", "email"], optch=["letter"], routes=["police", "self", "professional"],
        unit="cases", cap=(20, 90), wait=(3, 21), kind="hub", hours=HOURS_OFFICE,
        desc=[
            "Case support for people experiencing persistent anti-social behaviour, including help to use the ASB Case Review (the 'community trigger') in {area}.",
            "Independent advocates for victims of anti-social behaviour who can work with housing providers, the council and the police to get things resolved.",
        ]),
    "modern_slavery": dict(
        names=["{area} Modern Slavery Support", "{town} Trafficking Survivors' Project"],
        needs=["modern-slavery", "emotional-practical-support"], opt=[], spec=["migrants-nrpf"], optspec=[],
        crimes=[["modern-slavery"]], ages=[(18, None)], channels=["face-to-face", "phone", "outreach"], optch=[],
        routes=["police", "professional", "self"], unit="cases", cap=(10, 50), wait=(1, 14), kind="spec", hours=HOURS_OFFICE,
        desc=[
            "Support for adult survivors of modern slavery and human trafficking in {area}, including outreach, advocacy and help through the National Referral Mechanism.",
            "Caseworkers who speak community languages help survivors of forced labour and trafficking find safety, legal advice and a way forward.",
        ]),
    "hba": dict(
        names=["{area} Honour-Based Abuse & Forced Marriage Service", "{town} Honour-Based Abuse Advocacy"],
        needs=["honour-based-abuse", "domestic-abuse"], opt=["idva"], spec=["by-and-for-black-minoritised"], optspec=["women-only"],
        crimes=[["domestic-abuse", "violence-with-injury", "violence-without-injury"], []], ages=[(16, None), (13, None)],
        channels=["phone", "face-to-face", "outreach"], optch=["text"], routes=["police", "self", "professional", "marac"],
        unit="cases", cap=(15, 60), wait=(0, 7), kind="spec", hours=HOURS_OFFICE,
        desc=[
            "Specialist support for people at risk of honour-based abuse and forced marriage, from caseworkers who share their clients' languages and cultures.",
            "By-and-for advocacy for Black and minoritised survivors of honour-based abuse, including help with Forced Marriage Protection Orders.",
        ]),
    "economic": dict(
        names=["{area} Economic Abuse Service", "{town} Financial Safety After Abuse"],
        needs=["economic-abuse", "domestic-abuse"], opt=["fraud"], spec=[], optspec=[],
        crimes=[["domestic-abuse", "fraud"], []], ages=[(18, None)], channels=["phone", "face-to-face", "email"],
        optch=["video"], routes=["police", "self", "professional"], unit="cases", cap=(15, 60), wait=(7, 40), kind="da",
        hours=HOURS_OFFICE,
        desc=[
            "Economic abuse caseworkers help survivors deal with coerced debt, joint accounts and benefits, and rebuild financial independence.",
            "Specialist money advice for people whose partner or ex-partner controls or sabotages their finances, with links to banks' specialist teams.",
        ]),
    "homicide": dict(
        names=["{area} Homicide Bereavement Service", "{area} Families Bereaved by Homicide"],
        needs=["bereaved-by-homicide", "mental-health-trauma"], opt=["court-witness-support"], spec=[], optspec=[],
        crimes=[["homicide"]], ages=[(None, None)], channels=["face-to-face", "phone"], optch=["video"],
        routes=["police", "self", "professional"], unit="cases", cap=(8, 30), wait=(0, 7), kind="hub", hours=HOURS_OFFICE,
        desc=[
            "Long-term support for families bereaved by murder or manslaughter in {area}, from the first days through inquests, trials and parole hearings.",
            "Caseworkers and trained counsellors support anyone bereaved by homicide, including children, for as long as they need it.",
        ]),
    "road": dict(
        names=["{area} Road Death & Serious Injury Support", "{area} Road Crash Bereavement Service"],
        needs=["road-traffic-bereavement"], opt=["mental-health-trauma", "court-witness-support"], spec=[], optspec=[],
        crimes=[["death-by-driving"]], ages=[(None, None)], channels=["phone", "face-to-face"], optch=["video"],
        routes=["police", "self", "professional"], unit="cases", cap=(8, 30), wait=(1, 14), kind="hub", hours=HOURS_OFFICE,
        desc=[
            "Support for families bereaved or seriously injured in road crashes where a driver may be prosecuted, including help to understand inquests and court.",
            "Practical and emotional help after a fatal or life-changing road crash, working alongside police family liaison officers.",
        ]),
    "trauma": dict(
        names=["{town} Trauma Counselling After Crime", "{area} Psychological Support for Victims"],
        needs=["mental-health-trauma", "violent-crime"], opt=["emotional-practical-support"], spec=[], optspec=[],
        crimes=[["violence-with-injury", "robbery", "violence-without-injury"], []], ages=[(18, None), (16, None)],
        channels=["face-to-face", "video"], optch=["phone"], routes=["self", "professional", "police"],
        unit="sessions-per-week", cap=(15, 60), wait=(30, 120), kind="hub", hours=HOURS_OFFICE,
        desc=[
            "Short-term trauma counselling for adults affected by violent crime, with sessions at GP surgeries and community venues in {town} or by video.",
            "Up to twelve sessions of trauma-focused therapy for victims of assault and robbery, delivered by accredited counsellors.",
        ]),
    "elder": dict(
        names=["{area} Older People's Abuse Service", "{town} Safe in Later Life"],
        needs=["elder-abuse", "domestic-abuse"], opt=["economic-abuse", "fraud"], spec=["older-people"], optspec=[],
        crimes=[["domestic-abuse", "fraud", "theft"], []], ages=[(60, None)], channels=["phone", "face-to-face", "outreach"],
        optch=["letter"], routes=["police", "self", "professional"], unit="cases", cap=(10, 40), wait=(2, 20), kind="da",
        hours=HOURS_OFFICE, access=["home-visits", "large-print", "hearing-loop"],
        desc=[
            "Support for people aged 60 and over experiencing abuse from a partner, family member or carer, including financial abuse.",
            "Home visits and advocacy for older victims of abuse and neglect, working alongside adult social care.",
        ]),
    "burglary": dict(
        names=["{area} Home Security Service", "{town} After-Burglary Help & Lock Fitting"],
        needs=["burglary-home-security"], opt=["emotional-practical-support", "elder-abuse"], spec=[], optspec=["older-people"],
        crimes=[["burglary-residential", "criminal-damage-arson"], ["burglary-residential"], ["burglary-residential", "burglary-business"]],
        ages=[(18, None), (None, None)],
        channels=["phone", "face-to-face"], optch=[], routes=["police", "self", "professional"], unit="referrals-per-week",
        cap=(5, 30), wait=(2, 14), kind="hub", hours=HOURS_OFFICE, access=["home-visits"],
        desc=[
            "Free home security visits and fitting of locks, door chains and alarms for victims of burglary, prioritising older and disabled residents.",
            "A handyperson visits within a fortnight of a burglary to make the home secure again, and a caseworker offers follow-up support.",
        ]),
    "image": dict(
        names=["{area} Image-Based Abuse Support", "{town} Intimate Image Abuse Advice"],
        needs=["image-based-abuse", "cybercrime"], opt=["sexual-violence", "harassment"], spec=[], optspec=[],
        crimes=[["sexual-assault", "harassment", "computer-misuse"], []], ages=[(18, None), (16, None)],
        channels=["online", "phone", "email"], optch=["video"], routes=["police", "self", "professional"], unit="cases",
        cap=(10, 40), wait=(1, 10), kind="sv", hours=HOURS_OFFICE, online=True,
        desc=[
            "Advice and support for adults whose intimate images have been shared, or threatened to be shared, without consent, including help to get content taken down.",
            "Caseworkers help victims of intimate image abuse and sextortion report to platforms and the police, and offer emotional support.",
        ]),
    "male": dict(
        names=["{town} Men's Domestic Abuse Support", "{area} Male Victims Service"],
        needs=["domestic-abuse", "emotional-practical-support"], opt=["sexual-violence", "idva"], spec=["male-victims"], optspec=[],
        crimes=[["domestic-abuse"], ["domestic-abuse", "rape", "sexual-assault"]], ages=[(18, None), (16, None)], genders=["male"],
        channels=["phone", "face-to-face", "online"], optch=["video"], routes=["police", "self", "professional"],
        unit="cases", cap=(10, 50), wait=(3, 21), kind="spec", hours=HOURS_OFFICE,
        desc=[
            "Support for men experiencing domestic abuse or sexual violence, offering advocacy, counselling and a fortnightly peer group in {town}.",
            "A dedicated service for male victims of domestic abuse in {area}: safety planning, help with housing and child contact, and someone to talk to.",
        ]),
    "lgbt": dict(
        names=["{area} LGBT+ Domestic Abuse Service", "{town} LGBT+ Hate Crime & Abuse Support"],
        needs=["domestic-abuse", "hate-crime"], opt=["sexual-violence", "emotional-practical-support"], spec=["lgbt-plus"], optspec=[],
        crimes=[["domestic-abuse", "hate-crime", "sexual-assault"], []], ages=[(16, None), (18, None)],
        channels=["phone", "online", "face-to-face"], optch=["text", "video"], routes=["police", "self", "professional"],
        unit="cases", cap=(10, 50), wait=(3, 28), kind="spec", hours=HOURS_OFFICE,
        desc=[
            "By-and-for support for lesbian, gay, bi, trans and queer people experiencing domestic abuse, hate crime or sexual violence in {area}.",
            "LGBT+ advocates who understand outing threats, abuse from family and transphobic hate crime, offering advice in person and online.",
        ]),
    "deaf": dict(
        names=["{area} Deaf Victims Service", "{town} BSL Domestic Abuse Support"],
        needs=["domestic-abuse", "sexual-violence"], opt=["emotional-practical-support"], spec=["deaf-bsl", "disabled-people"], optspec=[],
        crimes=[[]], ages=[(16, None)], channels=["video", "text", "face-to-face", "email"], optch=[],
        routes=["police", "self", "professional"], unit="cases", cap=(5, 30), wait=(3, 21), kind="spec", hours=HOURS_OFFICE,
        bsl=True, access=["hearing-loop", "text-relay"],
        desc=[
            "Domestic and sexual abuse support in British Sign Language from Deaf workers, by video call, text or in person.",
            "A by-and-for service for Deaf and hard-of-hearing victims of crime; all staff sign, and clients can contact us by video relay.",
        ]),
    "disabled": dict(
        names=["{area} Disabled Victims Advocacy", "{town} Learning Disability Safety Project"],
        needs=["emotional-practical-support", "hate-crime"], opt=["domestic-abuse", "sexual-violence"], spec=["disabled-people"],
        optspec=["learning-disability", "neurodivergent"], crimes=[[]], ages=[(16, None), (18, None)],
        channels=["face-to-face", "phone", "outreach"], optch=["video"], routes=["police", "self", "professional"],
        unit="cases", cap=(10, 40), wait=(5, 30), kind="spec", hours=HOURS_OFFICE, access=["easy-read", "step-free", "accessible-toilet", "quiet-space"],
        desc=[
            "Advocacy for disabled people who have been victims of crime, including disability hate crime and abuse by carers, with easy-read information.",
            "Support for people with learning disabilities or autism who have been harmed or exploited, at a pace that suits them.",
        ]),
}

EXTRA_POOL = [("sv_therapy", 3), ("stalking", 3), ("hate_crime", 2), ("rj", 2), ("court", 2), ("fraud", 2), ("asb", 2),
              ("child_exploitation", 2), ("modern_slavery", 1), ("hba", 1), ("economic", 1), ("homicide", 1), ("road", 1),
              ("trauma", 2), ("elder", 1), ("burglary", 1), ("image", 1), ("violent_youth", 1), ("male", 1), ("lgbt", 1),
              ("deaf", 1), ("csa", 2), ("cyber", 1), ("disabled", 1), ("da_outreach", 2), ("idva", 1), ("refuge", 1)]
BASE_SET = ["da_outreach", "idva", "refuge", "isva", "hub", "children"]
CITY_SET = ["hub", "fraud", "cyber", "court", "idva", "isva", "rj"]
EXTRAS_BY_TIER = {"xl": (9, 12), "l": (4, 6), "m": (1, 3), "s": (1, 2), "xs": (0, 0)}

# Aliases allowed in CSV cells (and only these).
ALIASES = {
    "languages": {"pl": ["Polish"], "cy": ["Welsh"], "ur": ["Urdu"], "bfi": ["BSL"]},
    "need_types": {"domestic-abuse": ["DV", "Domestic abuse"], "anti-social-behaviour": ["ASB"],
                   "restorative-justice": ["RJ"], "idva": ["IDVA"], "isva": ["ISVA"]},
    "risk_levels": {"high": ["MARAC"]},
    "referral_routes": {"self": ["Self-referral"]},
    "channels": {"face-to-face": ["Face to face"]},
}

# --------------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------------
rng = random.Random(SEED)

INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


def postcode(district):
    return "%s %d%s%s" % (district, rng.randint(1, 9), rng.choice(INWARD_LETTERS), rng.choice(INWARD_LETTERS))


def jitter(lat, lon, spread=1.0):
    return round(lat + rng.uniform(-0.012, 0.012) * spread, 4), round(lon + rng.uniform(-0.018, 0.018) * spread, 4)


_phone_pools = {}


def phone(rangekey):
    prefix, _ = PHONE_RANGES[rangekey]
    pool = _phone_pools.get(rangekey)
    if pool is None:
        pool = list(range(1000))
        rng.shuffle(pool)
        _phone_pools[rangekey] = pool
    n = pool.pop()
    return "%s%03d" % (prefix, n)


def slug(s):
    s = s.lower().replace("&", "and").replace("'", "").replace("\u2019", "").replace("+", "-plus")
    s = re.sub(r"[^a-z0-9]+", "-", s)
    return s.strip("-")


def d(y, m, dd):
    return dt.date(y, m, dd)


def rand_date(a, b):
    return a + dt.timedelta(days=rng.randint(0, (b - a).days))


_charity_numbers = set()


def charity_number():
    while True:
        n = "9%06d" % rng.randint(0, 999999)
        if n not in _charity_numbers:
            _charity_numbers.add(n)
            return n


_used_stems = set()


def stem(welsh=False):
    while True:
        if welsh and rng.random() < 0.75:
            s = rng.choice(WELSH_STEMS)
            if rng.random() < 0.5:
                s = s + " " + rng.choice(["Cymru", "Gwent", "Morgannwg", "Dyfed", "Gwynedd", "Powys", "Clwyd", "Tawe", "Teifi"])
        else:
            s = rng.choice(FLORA) + " " + rng.choice(PLACEWORDS)
        if s not in _used_stems:
            _used_stems.add(s)
            return s


PROVIDER_TYPES = {
    "da": ["Women's Safety Trust", "Domestic Abuse Services", "Safe Homes", "Freedom Project", "Home Safety Trust"],
    "sv": ["Sexual Violence Support", "Survivors' Centre", "Trauma & Recovery Centre", "Sexual Abuse Support Service"],
    "hub": ["Victim Care", "Community Justice Trust", "Victims' Hub CIC", "Community Advocacy", "Victim Services Partnership"],
    "youth": ["Young People's Trust", "Youth Futures", "Children's Project", "Young Lives Trust"],
}
SPEC_TYPES = {
    "modern_slavery": ["Freedom Network", "Anti-Trafficking Project"],
    "hba": ["Sisters Collective", "Asian Women's Project", "Minoritised Women's Centre"],
    "male": ["Men's Support Service", "Men's Advice Project"],
    "lgbt": ["LGBT+ Advocacy", "Rainbow Safety Project", "LGBT+ Switchboard"],
    "deaf": ["Deaf Survivors Project", "Deaf Advocacy"],
    "disabled": ["Disability Advocacy", "Access to Justice Project"],
}


def make_provider(kind, welsh=False, arch=None, cic_chance=0.12):
    st = stem(welsh)
    if kind == "spec":
        t = rng.choice(SPEC_TYPES[arch])
    else:
        t = rng.choice(PROVIDER_TYPES[kind])
    is_cic = t.endswith("CIC") or rng.random() < cic_chance
    name = "%s %s%s (sample)" % (st, t, " CIC" if is_cic and not t.endswith("CIC") else "")
    return dict(id=slug(st + " " + t), name=name, charity=None if is_cic else charity_number(),
                website="https://example.org/" + slug(st), slug=slug(st))


def pick_status():
    r = rng.random()
    if r < 0.80:
        return "accepting"
    if r < 0.93:
        return "waitlist"
    return "paused"


def last_verified():
    if rng.random() < 0.13:
        return rand_date(d(2024, 6, 1), d(2025, 11, 20))
    # recent ones weighted towards the last few months
    if rng.random() < 0.6:
        return rand_date(d(2026, 8, 1), d(2026, 11, 20))
    return rand_date(d(2025, 11, 23), d(2026, 7, 31))


CONTRACT_ENDS = ["2026-12-31", "2027-03-31", "2027-03-31", "2027-03-31", "2027-09-30", "2028-03-31", "2028-03-31",
                 "2028-09-30", "2029-03-31"]

ACCESS_ALL = ["step-free", "accessible-toilet", "hearing-loop", "easy-read", "large-print", "braille", "home-visits",
              "quiet-space", "accessible-parking", "text-relay"]

# Second sentences added to some descriptions, for variety.
ADDONS = [
    "Referrals are acknowledged within two working days.",
    "Evening appointments are available one day a week.",
    "Clients are welcome to bring a friend or family member to appointments.",
    "A worker can meet you at your GP surgery, your child's school or another place you choose.",
    "The team works closely with local housing, health and children's services.",
    "There is free parking next to the building and a bus stop outside.",
    "Support continues after a case closes if new problems come up.",
    "Volunteers with lived experience help run the peer support groups.",
    "You can ask for a call back at a time that is safe for you.",
    "Leaflets are available in community languages and in easy read.",
]

NOTES = [
    "Must live, work or study in {area}.",
    "Victims do not need to have reported the crime to the police.",
    "Open to anyone affected, including family members and witnesses.",
    "Professionals should call before referring; self-referrals can use the online form.",
    "We can see clients at home, at a community venue or at our office, whichever feels safest.",
    "Children are welcome at appointments; a creche is available on Tuesdays.",
    "Priority is given to people referred through MARAC.",
    "Interpreters are booked for every appointment where needed, at no cost to the client.",
]


def capacity_and_wait(a, status, lv, stale_drop=True):
    """Capacity and waiting time, or None where not reported."""
    stale = lv < d(2025, 11, 22)
    if stale and stale_drop and rng.random() < 0.5:
        return None, None
    lo, hi = a["cap"]
    maximum = rng.randint(lo, hi)
    maximum = max(5, min(200, maximum))
    if status in ("waitlist", "paused"):
        available = 0
    else:
        available = rng.randint(0, max(1, maximum // 3)) if a["unit"] != "places" else rng.randint(0, min(3, maximum))
        if a["unit"] == "places" and rng.random() < 0.3:
            available = 0
    cap_updated = rand_date(d(2026, 1, 5), d(2026, 11, 20))
    if not stale and cap_updated < lv - dt.timedelta(days=90):
        cap_updated = rand_date(lv - dt.timedelta(days=30), min(lv + dt.timedelta(days=20), d(2026, 11, 20)))
        cap_updated = max(cap_updated, d(2026, 1, 2))
    cap = dict(available=available, maximum=maximum, unit=a["unit"], updated=cap_updated.isoformat())
    wlo, whi = a["wait"]
    days = rng.randint(wlo, whi)
    if status == "waitlist":
        days = min(150, days + rng.randint(14, 45))
    wait = dict(days=days, asof=rand_date(d(2026, 9, 1), d(2026, 11, 20)).isoformat())
    if status == "paused" and rng.random() < 0.5:
        wait = None
    return cap, wait


def languages_for(pool, welsh, extra=None):
    langs = ["en"]
    if welsh:
        langs.append("cy")
    k = rng.choice([0, 1, 1, 2, 2, 3])
    cand = [l for l in pool if l not in langs]
    rng.shuffle(cand)
    langs += sorted(cand[:k], key=lambda x: pool.index(x))
    for e in extra or []:
        if e not in langs:
            langs.append(e)
    return langs


def choose(lst, k):
    lst = list(lst)
    rng.shuffle(lst)
    return lst[:k]


# --------------------------------------------------------------------------------------------------
# Building one service
# --------------------------------------------------------------------------------------------------

def build_service(arch_key, sid, town, provider, force_langs, welsh=False, coverage=None, status=None,
                  name=None, description=None, commissioner=None, contract=True, location_override=None,
                  extra_specs=(), extra_langs=(), spread_locations=None, n_house=1, area_label=None):
    a = ARCH[arch_key]
    area = area_label or AREA_LABEL.get(town["force"], town["force_name"])
    tname = town["label"]
    vi = rng.randrange(len(a["names"]))
    nm = name or a["names"][vi].format(town=tname, area=area, n=n_house)
    if welsh and rng.random() < 0.35 and town["town"] in WELSH_TOWN and name is None:
        scope = WELSH_AREA.get(town["force"], "") if "{area}" in a["names"][vi] else WELSH_TOWN[town["town"]]
        nm = "%s / %s" % (nm, welsh_name(arch_key, scope))
    desc = description or (a["desc"][vi] if a.get("variants") else rng.choice(a["desc"])).format(town=tname, area=area)
    if description is None and rng.random() < 0.35:
        desc += " " + rng.choice(ADDONS)
    if welsh and rng.random() < 0.3 and description is None:
        desc += " " + rng.choice(["Mae croeso i chi gysylltu \u00e2 ni yn Gymraeg.", "Gwasanaeth dwyieithog: siaradwch \u00e2 ni yn Gymraeg neu yn Saesneg.",
                                  "Support is available in Welsh at every stage."])
    needs = list(a["needs"])
    for o in a["opt"]:
        if rng.random() < 0.3:
            needs.append(o)
    specs = list(a["spec"])
    for o in a["optspec"]:
        if rng.random() < 0.25 and o not in specs:
            specs.append(o)
    for o in extra_specs:
        if o not in specs:
            specs.append(o)
    if arch_key == "csa" and vi == 0 and name is None:   # the children's variant
        needs.append("children-young-people")
        specs.append("children-young-people")
    min_age, max_age = a["ages"][vi] if a.get("variants") else rng.choice(a["ages"])
    genders = list(a.get("genders", []))
    if a.get("gender_opts") and rng.random() < 0.5:
        genders = list(rng.choice(a["gender_opts"]))
    if "women-only" in specs and not genders:
        genders = ["female"]
    crimes = list(rng.choice(a["crimes"]))
    risks = list(rng.choice(a.get("risks", [[]])))
    notes = rng.choice(NOTES).format(area=area) if rng.random() < 0.35 else None
    if arch_key == "refuge":
        notes = None
    if arch_key == "refuge" and rng.random() < 0.5:
        notes = rng.choice(["Women with no recourse to public funds can be considered; please call to discuss.",
                            "Can accommodate women with up to three children; boys over 14 by discussion.",
                            "One ground-floor unit is wheelchair accessible."])
    bsl = bool(a.get("bsl")) or rng.random() < 0.3
    langs = languages_for(force_langs, welsh, (["bfi"] if a.get("bsl") else []) + list(extra_langs))
    interpreting = rng.random() < 0.88
    access = set(a.get("access", []))
    for f in choose(["step-free", "accessible-toilet", "hearing-loop", "large-print", "quiet-space", "accessible-parking", "easy-read", "braille"], rng.randint(0, 3)):
        access.add(f)
    if "text" in a["channels"] or rng.random() < 0.1:
        access.add("text-relay")
    access = [x for x in ACCESS_ALL if x in access]
    channels = list(a["channels"]) + [c for c in a["optch"] if rng.random() < 0.35]
    routes = list(a["routes"])
    if "self" in routes and arch_key in ("idva",) and rng.random() < 0.4:
        routes.remove("self")
    # coverage
    if coverage is None:
        coverage = default_coverage(town)
    # locations
    locs = []
    if location_override is not None:
        locs = location_override
    elif not a.get("online") or rng.random() < 0.3:
        towns_for = [town] + (spread_locations or [])
        for t in towns_for:
            lat, lon = jitter(t["lat"], t["lon"])
            conf = bool(a.get("confidential"))
            if conf:
                lname = "Refuge %s" % rng.choice(["A", "B", "C", "1", "2", "North", "South"])
            elif a.get("court"):
                lname = "%s Justice Centre witness suite" % t["label"]
            else:
                lname = rng.choice(["%s hub", "%s office", "%s Community Centre", "%s Family Hub", "%s Wellbeing Centre"]) % t["label"]
            addr = "%d %s" % (rng.randint(1, 220), rng.choice(STREETS)) if rng.random() < 0.7 else "%s, %s" % (
                rng.choice(BUILDINGS), rng.choice(STREETS))
            locs.append(dict(confidential=conf, name=lname, address=addr, town=t["town"], postcode=postcode(t["district"]),
                             lat=lat, lon=lon))
    st = status or pick_status()
    lv = last_verified()
    cap, wait = capacity_and_wait(a, st, lv)
    if st == "closed":
        cap, wait = None, None
    hours = rng.choice(a["hours"])
    ph = phone(town["phone"]) if rng.random() < 0.85 or town["phone"] == "none" else phone("nongeo")
    if arch_key in ("refuge",) and rng.random() < 0.5:
        ph = phone("freephone")
    email = "%s@example.org" % (rng.choice(["referrals", "help", "info", "hello", "support"]) + "." + provider["slug"]) if rng.random() < 0.85 else None
    web = "https://example.org/%s/%s" % (provider["slug"], slug(nm.split(" / ")[0])) if rng.random() < 0.8 else None
    svc = dict(id=sid, name=nm, description=desc, provider=provider, status=st, needs=needs, specialisms=specs,
               min_age=min_age, max_age=max_age, genders=genders, crimes=crimes, risks=risks, notes=notes,
               languages=langs, interpreting=interpreting, bsl=bsl, accessibility=access, channels=channels,
               routes=routes, coverage=coverage, locations=locs, capacity=cap, wait=wait,
               contract=None, commissioner=None, phone=ph, email=email, website=web, hours=hours,
               last_verified=lv.isoformat(), arch=arch_key)
    if contract:
        svc["contract"] = rng.choice(CONTRACT_ENDS)
        svc["commissioner"] = commissioner
    return svc


def welsh_name(arch_key, wtown):
    base = {
        "da_outreach": "Cymorth Cam-drin Domestig %s", "idva": "Gwasanaeth IDVA %s", "refuge": "Lloches %s",
        "isva": "Gwasanaeth ISVA %s", "hub": "Canolfan Gofal Dioddefwyr %s", "children": "Cymorth Plant a Phobl Ifanc %s",
        "court": "Cymorth Tystion %s", "stalking": "Gwasanaeth Stelcian %s", "hate_crime": "Cymorth Troseddau Casineb %s",
        "rj": "Cyfiawnder Adferol %s", "sv_therapy": "Cwnsela Trais Rhywiol %s", "fraud": "Cymorth Twyll %s",
    }.get(arch_key, "Cymorth Dioddefwyr %s")
    return base % wtown


def default_coverage(town):
    r = rng.random()
    f = town["force"]
    if r < 0.12 and town["la"]:
        return [town["la"]]
    if r < 0.17 and len(town["districts"]) >= 3:
        k = rng.randint(2, min(4, len(town["districts"])))
        return sorted(choose(town["districts"], k), key=town["districts"].index)
    if r < 0.22 and f in POSTCODE_AREA_COVERAGE:
        return list(rng.choice(POSTCODE_AREA_COVERAGE[f]))
    return [f]


# --------------------------------------------------------------------------------------------------
# Commissioners' XML lists
# --------------------------------------------------------------------------------------------------
REGIONS = [
    ("pcc-north-east-yorkshire", "North East and Yorkshire PCCs (sample)",
     ["E23000007", "E23000008", "E23000013", "E23000009", "E23000010", "E23000011", "E23000012"]),
    ("pcc-north-west-west-midlands", "North West and West Midlands PCCs (sample)",
     ["E23000002", "E23000003", "E23000004", "E23000005", "E23000006", "E23000014", "E23000015", "E23000016", "E23000017"]),
    ("pcc-east-midlands-eastern", "East Midlands and Eastern PCCs (sample)",
     ["E23000018", "E23000019", "E23000020", "E23000021", "E23000022", "E23000023", "E23000024", "E23000025",
      "E23000026", "E23000027", "E23000028"]),
    ("pcc-london-south", "London and the South PCCs (sample)",
     ["E23000001", "E23000034", "E23000029", "E23000030", "E23000031", "E23000032", "E23000033", "E23000035",
      "E23000036", "E23000037", "E23000038", "E23000039"]),
    ("pcc-wales", "Wales PCCs (sample)", ["W15000001", "W15000002", "W15000003", "W15000004"]),
]

LOCAL_COMMISSIONER = {
    "E23000001": "Mayor's Office for Policing and Crime (sample)",
    "E23000005": "Greater Manchester Combined Authority (sample)",
    "E23000010": "West Yorkshire Combined Authority (sample)",
    "E23000034": "City of London Corporation (sample)",
}


def local_commissioner(fcode):
    if fcode in LOCAL_COMMISSIONER:
        return LOCAL_COMMISSIONER[fcode]
    return "%s Police and Crime Commissioner (sample)" % FORCE_BY_CODE[fcode][1]


def weighted_extras(k):
    pool = [a for a, w in EXTRA_POOL for _ in range(w)]
    out = []
    while len(out) < k:
        a = rng.choice(pool)
        if out.count(a) < (2 if a in ("da_outreach", "sv_therapy", "stalking") else 1):
            out.append(a)
    return out


def force_services(fcode):
    f = FORCE_BY_CODE[fcode]
    _, fname, short, tier, langs, towns = f
    welsh = fcode.startswith("W")
    town_objs = [TOWNS[t[0]] for t in towns]
    providers = {}

    def prov(kind, arch):
        key = kind if kind != "spec" else "spec-" + arch
        if key not in providers:
            providers[key] = make_provider(kind, welsh, arch)
        return providers[key]

    arches = list(CITY_SET) if tier == "xs" else list(BASE_SET)
    lo, hi = EXTRAS_BY_TIER[tier]
    arches += weighted_extras(rng.randint(lo, hi))
    services = []
    n = 0
    town_cycle = list(town_objs)
    used_names = set()
    for i, ak in enumerate(arches):
        a = ARCH[ak]
        # main town for force-wide services, otherwise rotate through towns
        if i < len(BASE_SET) and ak in ("idva", "isva", "hub"):
            town = town_objs[0]
        else:
            town = town_cycle[i % len(town_cycle)]
        n += 1
        sid = "%s-%04d" % (short, n)
        cov = None
        if ak in ("idva", "isva", "hub", "rj", "homicide", "road", "modern_slavery", "child_exploitation"):
            cov = [fcode] if rng.random() < 0.9 else None
        spread = None
        if ak in ("hub", "isva", "da_outreach") and rng.random() < 0.25 and len(town_objs) > 1:
            spread = [t for t in town_objs if t is not town][:1]
        svc = None
        for attempt in range(6):
            svc = build_service(ak, sid, town, prov(a["kind"], ak), langs, welsh=welsh, coverage=cov,
                                commissioner=local_commissioner(fcode) if rng.random() < 0.7 else None,
                                spread_locations=spread, n_house=rng.randint(1, 4))
            if svc["name"] not in used_names:
                break
        used_names.add(svc["name"])
        services.append(svc)
    return services


def west_yorkshire_specials():
    """Fixed West Yorkshire domestic-abuse services the brief and tests rely on."""
    leeds = TOWNS["Leeds"]
    pv = make_provider("da", arch=None, cic_chance=0)
    pv["name"] = "Aire Valley Harebell Women's Trust (sample)"
    pv["id"] = "aire-valley-harebell"
    pv["slug"] = "aire-valley-harebell"
    pv["website"] = "https://example.org/aire-valley-harebell"
    s1 = build_service("da_outreach", "WY-0901", leeds, pv, ["ur", "pl", "pa"], coverage=["LS1", "LS2", "LS6"],
                       status="accepting", name="Leeds Inner North Domestic Abuse Drop-in",
                       description="Drop-in and outreach support for anyone experiencing domestic abuse in Leeds city centre, Woodhouse and Hyde Park, including students.",
                       commissioner="West Yorkshire Combined Authority (sample)")
    lat, lon = jitter(53.8190, -1.5100, 0.6)
    s2 = build_service("refuge", "WY-0902", leeds, pv, ["ur", "pl", "pa"], coverage=["E23000010"], status="accepting",
                       name="Leeds Women's Refuge (Harebell House)",
                       description="Confidential refuge in Leeds with eight self-contained flats for women and their children escaping domestic abuse. Staffed 24 hours.",
                       location_override=[dict(confidential=True, name="Harebell House", address="%d %s" % (rng.randint(2, 90), "Larch Terrace"),
                                               town="Leeds", postcode=postcode("LS8"), lat=lat, lon=lon)],
                       commissioner="West Yorkshire Combined Authority (sample)")
    s3 = build_service("idva", "WY-0903", leeds, pv, ["ur", "pl", "pa"], coverage=["E08000035"], status="accepting",
                       name="Leeds IDVA Service",
                       description="Independent Domestic Violence Advisers for high-risk victims living in Leeds, working alongside the daily MARAC.")
    s2["capacity"] = dict(available=2, maximum=8, unit="places", updated="2026-11-18")
    s2["wait"] = dict(days=0, asof="2026-11-18")
    s2["last_verified"] = "2026-11-18"
    s1["last_verified"] = "2026-11-12"
    s3["last_verified"] = "2026-11-03"
    s3["risks"] = ["high"]
    s2["genders"] = ["female"]
    return [s1, s2, s3]


def a_national_service_for_xml():
    york = TOWNS["York"]
    pv = make_provider("hub")
    s = build_service("hub", "NEY-NAT-001", york, pv, ["pl"], coverage=["national"], status="accepting",
                      name="Victims' Rights Information Line",
                      description="A national phone and web-chat line, hosted in York and co-funded by the region's commissioners, that explains victims' rights under the Victims' Code and finds local services.")
    s["channels"] = ["phone", "online", "email"]
    s["locations"] = []
    s["phone"] = phone("freephone")
    s["hours"] = "Mon-Fri 08:00-20:00, Sat 09:00-17:00"
    return s


# --------------------------------------------------------------------------------------------------
# XML writing
# --------------------------------------------------------------------------------------------------

def esc_text(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def esc_attr(s):
    return esc_text(s).replace('"', "&quot;").replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")


def attrs(pairs):
    out = []
    for k, v in pairs:
        if v is None or v == "":
            continue
        if isinstance(v, bool):
            v = "true" if v else "false"
        out.append(' %s="%s"' % (k, esc_attr(str(v))))
    return "".join(out)


def fmt_coord(x):
    return "%.4f" % x


def service_xml(s, list_commissioner):
    L = []
    ind = "    "
    L.append('  <service%s>' % attrs([("id", s["id"]), ("status", s["status"])]))
    L.append("%s<name>%s</name>" % (ind, esc_text(s["name"])))
    if s["description"]:
        L.append("%s<description>%s</description>" % (ind, esc_text(s["description"])))
    p = s["provider"]
    L.append("%s<provider%s/>" % (ind, attrs([("id", p["id"]), ("name", p["name"]), ("charityNumber", p["charity"]),
                                              ("website", p["website"])])))
    L.append("%s<needs>%s</needs>" % (ind, "".join("<need>%s</need>" % esc_text(x) for x in s["needs"])))
    if s["specialisms"]:
        L.append("%s<specialisms>%s</specialisms>" % (ind, "".join("<specialism>%s</specialism>" % x for x in s["specialisms"])))
    el_attrs = attrs([("minAge", s["min_age"]), ("maxAge", s["max_age"])])
    kids = ["<gender>%s</gender>" % g for g in s["genders"]] + ["<crime>%s</crime>" % c for c in s["crimes"]] + \
           ["<risk>%s</risk>" % r for r in s["risks"]]
    if s["notes"]:
        kids.append("<notes>%s</notes>" % esc_text(s["notes"]))
    if kids:
        L.append("%s<eligibility%s>" % (ind, el_attrs))
        for k in kids:
            L.append("%s  %s" % (ind, k))
        L.append("%s</eligibility>" % ind)
    elif el_attrs:
        L.append("%s<eligibility%s/>" % (ind, el_attrs))
    L.append("%s<languages%s>%s</languages>" % (ind, attrs([("interpreting", s["interpreting"]), ("bsl", s["bsl"])]),
                                                 "".join("<language>%s</language>" % x for x in s["languages"])))
    if s["accessibility"]:
        L.append("%s<accessibility>%s</accessibility>" % (ind, "".join("<feature>%s</feature>" % x for x in s["accessibility"])))
    L.append("%s<channels>%s</channels>" % (ind, "".join("<channel>%s</channel>" % x for x in s["channels"])))
    if s["routes"]:
        L.append("%s<referralRoutes>%s</referralRoutes>" % (ind, "".join("<route>%s</route>" % x for x in s["routes"])))
    cov = "".join("<national/>" if x == "national" else "<area>%s</area>" % x for x in s["coverage"])
    L.append("%s<coverage>%s</coverage>" % (ind, cov))
    if s["locations"]:
        L.append("%s<locations>" % ind)
        for loc in s["locations"]:
            L.append("%s  <location%s>" % (ind, attrs([("confidential", loc["confidential"])])))
            parts = []
            for tag in ("name", "address", "town", "postcode"):
                if loc.get(tag):
                    parts.append("<%s>%s</%s>" % (tag, esc_text(loc[tag]), tag))
            if loc.get("lat") is not None:
                parts.append("<latitude>%s</latitude><longitude>%s</longitude>" % (fmt_coord(loc["lat"]), fmt_coord(loc["lon"])))
            L.append("%s    %s" % (ind, "".join(parts)))
            L.append("%s  </location>" % ind)
        L.append("%s</locations>" % ind)
    if s["capacity"]:
        c = s["capacity"]
        L.append("%s<capacity%s/>" % (ind, attrs([("available", c["available"]), ("maximum", c["maximum"]),
                                                  ("unit", c["unit"]), ("updated", c["updated"])])))
    if s["wait"]:
        L.append("%s<waitingTime%s/>" % (ind, attrs([("days", s["wait"]["days"]), ("asOf", s["wait"]["asof"])])))
    if s["contract"]:
        com = s["commissioner"] if s["commissioner"] and s["commissioner"] != list_commissioner else None
        L.append("%s<contract%s/>" % (ind, attrs([("ends", s["contract"]), ("commissioner", com)])))
    ca = attrs([("phone", s["phone"]), ("email", s["email"]), ("website", s["website"]), ("hours", s["hours"])])
    if ca:
        L.append("%s<contact%s/>" % (ind, ca))
    L.append("%s<lastVerified>%s</lastVerified>" % (ind, s["last_verified"]))
    L.append("  </service>")
    return L


def write_xml(code, name, forces, services):
    L = ['<?xml version="1.0" encoding="UTF-8"?>',
         "<!-- Fictional sample data for trying Signpost. Every organisation, address and contact detail is invented. -->",
         '<serviceList xmlns="urn:signpost:list:1" version="1" generated="%s">' % GENERATED,
         '  <commissioner%s>' % attrs([("code", code), ("name", name)])]
    for fc in forces:
        L.append("    <area>%s</area>" % fc)
    L.append("  </commissioner>")
    for s in services:
        L += service_xml(s, name)
    L.append("</serviceList>")
    with open(os.path.join(OUT, code + ".xml"), "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(L) + "\n")


# --------------------------------------------------------------------------------------------------
# CSV lists
# --------------------------------------------------------------------------------------------------
ALL_COLUMNS = ["source_record_id", "name", "description", "provider_name", "provider_id", "charity_number",
               "provider_website", "status", "need_types", "specialisms", "min_age", "max_age", "genders",
               "crime_types", "risk_levels", "eligibility_notes", "languages", "interpreting", "bsl",
               "accessibility", "channels", "referral_routes", "coverage", "location_name", "address", "town",
               "postcode", "latitude", "longitude", "location_confidential", "capacity_available",
               "capacity_maximum", "capacity_unit", "capacity_updated", "wait_days", "wait_as_of", "commissioner",
               "contract_end", "phone", "email", "website", "opening_hours", "last_verified"]
LIST_FIELDS = {"need_types": "needs", "specialisms": "specialisms", "genders": "genders", "crime_types": "crimes",
               "risk_levels": "risks", "languages": "languages", "accessibility": "accessibility",
               "channels": "channels", "referral_routes": "routes", "coverage": "coverage"}


def aliased(col, items, p):
    table = ALIASES.get(col)
    if not table or not any(x in table for x in items) or rng.random() >= p:
        return items
    return [rng.choice(table[x]) if x in table else x for x in items]


def csv_row(s, columns, booleans=("yes", "no"), alias_p=0.15, postcode_style=None):
    loc = s["locations"][0] if s["locations"] else {}
    cap = s["capacity"] or {}
    wait = s["wait"] or {}
    p = s["provider"]
    vals = {
        "source_record_id": s["id"], "name": s["name"], "description": s["description"] or "",
        "provider_name": p["name"], "provider_id": p.get("csv_id", ""), "charity_number": p["charity"] or "",
        "provider_website": p["website"] or "", "status": s["status"],
        "min_age": "" if s["min_age"] is None else str(s["min_age"]),
        "max_age": "" if s["max_age"] is None else str(s["max_age"]),
        "eligibility_notes": s["notes"] or "",
        "interpreting": booleans[0] if s["interpreting"] else booleans[1],
        "bsl": booleans[0] if s["bsl"] else booleans[1],
        "location_name": loc.get("name", ""), "address": loc.get("address", ""), "town": loc.get("town", ""),
        "postcode": loc.get("postcode", ""),
        "latitude": fmt_coord(loc["lat"]) if loc else "", "longitude": fmt_coord(loc["lon"]) if loc else "",
        "location_confidential": (booleans[0] if loc.get("confidential") else booleans[1]) if loc else "",
        "capacity_available": str(cap.get("available", "")), "capacity_maximum": str(cap.get("maximum", "")),
        "capacity_unit": cap.get("unit", ""), "capacity_updated": cap.get("updated", ""),
        "wait_days": str(wait.get("days", "")), "wait_as_of": wait.get("asof", ""),
        "commissioner": s["commissioner"] or "", "contract_end": s["contract"] or "",
        "phone": s["phone"] or "", "email": s["email"] or "", "website": s["website"] or "",
        "opening_hours": s["hours"] or "", "last_verified": s["last_verified"],
    }
    if postcode_style and vals["postcode"]:
        vals["postcode"] = postcode_style(vals["postcode"])
    for col, key in LIST_FIELDS.items():
        vals[col] = ";".join(aliased(col, s[key], 1.0 if col in s.get("force_alias", ()) else alias_p))
    return [vals[c] for c in columns]


def write_csv(filename, header, columns, services, delimiter, lineterminator, encoding, bom=False, **kw):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator=lineterminator, quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    for s in services:
        w.writerow(csv_row(s, columns, **kw))
    data = buf.getvalue().encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    with open(os.path.join(OUT, filename), "wb") as fh:
        fh.write(data)


# --- 1. National helplines ---------------------------------------------------------------------------
HELPLINES = [
    # (name, provider key, needs, specialisms, genders, ages, channels, hours, description, crimes, coverage, langs)
    ("Larkspur 24-hour Domestic Abuse Line", "larkspur", ["domestic-abuse", "safe-accommodation", "emotional-practical-support"], [], [], (16, None),
     ["phone", "online", "text", "email"], "24 hours",
     "Free, confidential 24-hour helpline for anyone experiencing domestic abuse, and for friends, family and professionals worried about them. Advisers can search for refuge space across England and Wales.",
     ["domestic-abuse"], ["national"], ["pl", "ur", "pa", "ar", "ro"]),
    ("Larkspur Domestic Abuse Web Chat", "larkspur", ["domestic-abuse"], [], [], (16, None), ["online"], "Mon-Sun 10:00-22:00",
     "Live web chat with a trained adviser, with a quick-exit button and no chat history saved on your device.",
     ["domestic-abuse"], ["national"], []),
    ("Oakmantle Men's Support Line", "oakmantle", ["domestic-abuse", "emotional-practical-support"], ["male-victims"], ["male"], (18, None),
     ["phone", "online", "email"], "Mon-Fri 09:00-20:00",
     "Confidential helpline for men experiencing domestic abuse from a partner, ex-partner or family member, and for the professionals supporting them.",
     ["domestic-abuse"], ["national"], []),
    ("Kite Hill LGBT+ Abuse Line", "kite", ["domestic-abuse", "hate-crime", "sexual-violence"], ["lgbt-plus"], [], (13, None),
     ["phone", "online", "email", "text"], "Mon-Fri 10:00-20:00, Sat 12:00-17:00",
     "A by-and-for helpline for LGBT+ people facing domestic abuse, so-called conversion practices, hate crime or sexual violence.",
     [], ["national"], []),
    ("Merlin Gate Stalking Advice Line", "merlin", ["stalking", "harassment"], [], [], (16, None), ["phone", "email", "online"],
     "Mon-Fri 09:30-16:00, Wed 09:30-20:00",
     "Advice for victims of stalking, their families and professionals: how to gather evidence, report to the police and stay safe.",
     ["stalking", "harassment"], ["national"], []),
    ("Meadowsweet Sexual Violence Support Line", "meadowsweet", ["sexual-violence", "child-sexual-abuse", "emotional-practical-support"], [], [], (16, None),
     ["phone", "online"], "24 hours",
     "Free and confidential support for anyone aged 16 or over who has been affected by rape, sexual assault or sexual abuse at any time in their life.",
     ["rape", "sexual-assault", "child-abuse"], ["national"], []),
    ("Meadowsweet Adult Survivors Line", "meadowsweet", ["child-sexual-abuse", "mental-health-trauma"], [], [], (18, None),
     ["phone", "email"], "Mon-Thu 10:00-21:00, Fri 10:00-18:00",
     "Support for adults who were abused in childhood, whether sexually, physically or emotionally. We listen, believe you and help you find longer-term support.",
     ["child-abuse"], ["national"], []),
    ("Marigold Honour-Based Abuse & Forced Marriage Line", "marigold", ["honour-based-abuse", "domestic-abuse"], ["by-and-for-black-minoritised"], [], (None, None),
     ["phone", "email", "text"], "Mon-Fri 09:00-17:00",
     "Advice for anyone at risk of forced marriage or honour-based abuse, including people already taken abroad. Staff speak Urdu, Punjabi, Bengali, Arabic and Kurdish.",
     [], ["national"], ["ur", "pa", "bn", "ar", "ku", "fa", "ps"]),
    ("Saltwort Freedom Line", "saltwort", ["modern-slavery", "emotional-practical-support"], ["migrants-nrpf"], [], (None, None),
     ["phone", "online"], "24 hours",
     "Confidential 24-hour line for potential victims of modern slavery and anyone with concerns, with interpreters in over 200 languages.",
     ["modern-slavery"], ["national"], ["ro", "pl", "sq", "vi", "bg", "zh", "ti", "am", "ar"]),
    ("Hawkbit Fraud Recovery Line", "hawkbit", ["fraud", "cybercrime", "emotional-practical-support"], [], [], (18, None),
     ["phone", "online", "letter"], "Mon-Fri 08:00-20:00",
     "Help after fraud or a scam: what to do first, how to talk to your bank and how to protect yourself from being targeted again.",
     ["fraud", "computer-misuse"], ["national"], []),
    ("Hawkbit Cyber Advice Chat", "hawkbit", ["cybercrime", "image-based-abuse", "harassment"], [], [], (16, None),
     ["online", "email"], "Mon-Sun 08:00-22:00",
     "Online chat with volunteer cyber-security experts who help victims of hacking, sextortion, cyber-stalking and online harassment.",
     ["computer-misuse", "harassment"], ["national"], []),
    ("Hawkbit Image Abuse Support Line", "hawkbit", ["image-based-abuse", "sexual-violence"], [], [], (18, None),
     ["phone", "email", "online"], "Mon-Fri 10:00-16:00",
     "Support for adults whose intimate images have been shared without consent, including help to get images removed from websites and social media.",
     ["sexual-assault", "harassment"], ["national"], []),
    ("Cowslip Green Bereavement Line", "cowslip", ["bereaved-by-homicide", "mental-health-trauma"], [], [], (None, None),
     ["phone", "email"], "Mon-Fri 09:00-17:00; answerphone at other times",
     "Peer support from people who have themselves been bereaved by murder or manslaughter, and practical help with inquests, trials and the media.",
     ["homicide"], ["national"], []),
    ("Tormentil Road Crash Helpline", "tormentil", ["road-traffic-bereavement", "emotional-practical-support"], [], [], (None, None),
     ["phone", "email"], "Mon-Fri 10:00-16:00",
     "Help for families bereaved or injured in road crashes, including a guide to police investigations, inquests and the courts.",
     ["death-by-driving"], ["national"], []),
    ("Silver Thread Elder Abuse Line", "silver", ["elder-abuse", "economic-abuse", "domestic-abuse"], ["older-people"], [], (60, None),
     ["phone", "letter", "email"], "Mon-Fri 09:00-17:00",
     "A freephone line for older people experiencing abuse or neglect, and for anyone worried about an older relative, neighbour or client.",
     [], ["national"], []),
    ("Larkspur Economic Abuse Advice Line", "larkspur", ["economic-abuse", "domestic-abuse"], [], [], (18, None),
     ["phone", "email", "online"], "Mon-Fri 10:00-16:00",
     "Specialist advice for survivors whose partner or ex-partner has controlled their money, run up debts in their name or stopped them working.",
     ["domestic-abuse", "fraud"], ["national"], []),
    ("Signfold BSL Video Line", "signfold", ["domestic-abuse", "sexual-violence"], ["deaf-bsl"], [], (16, None),
     ["video", "text", "email"], "Mon-Fri 09:00-17:00",
     "Domestic and sexual abuse support in British Sign Language by video call, from Deaf advisers.",
     [], ["national"], ["bfi"]),
    ("Betony Hate Crime Reporting Line", "betony", ["hate-crime", "harassment"], ["faith-communities"], [], (None, None),
     ["phone", "online", "text"], "24 hours",
     "Report hate crime and incidents without going to the police, get emotional support and, if you choose, be referred to local caseworkers.",
     ["hate-crime", "public-order"], ["national"], ["ur", "ar", "pl"]),
    ("Wren & Willow Young Victims Line", "wren", ["children-young-people", "emotional-practical-support", "child-exploitation"], ["children-young-people"], [], (5, 18),
     ["phone", "online", "text"], "Mon-Fri 12:00-21:00, Sat-Sun 12:00-18:00",
     "A free line for children and teenagers who have been hurt, bullied, threatened or exploited, or who are worried about something that happened to them.",
     [], ["national"], []),
    ("Teasel Restorative Justice Information Line", "teasel", ["restorative-justice"], [], [], (None, None),
     ["phone", "email"], "Mon-Fri 09:00-17:00",
     "Explains what restorative justice involves and puts victims in touch with their local service in England or Wales.",
     [], ["national"], []),
    ("Teasel Witness Information Line", "teasel", ["court-witness-support"], [], [], (None, None),
     ["phone", "online"], "Mon-Fri 08:00-20:00",
     "Information and reassurance for anyone asked to give evidence in court, including what happens on the day and how to ask for special measures.",
     [], ["national"], []),
    ("Meadowsweet Evening Trauma Line", "meadowsweet", ["mental-health-trauma", "violent-crime"], [], [], (18, None),
     ["phone", "text"], "Mon-Sun 18:00-00:00",
     "An evening line for adults struggling after violent crime, with trained listeners and a route into talking therapies.",
     ["violence-with-injury", "robbery"], ["national"], []),
    ("Lantern Street Safety Line", "lantern", ["violent-crime", "sexual-violence"], ["sex-workers"], [], (18, None),
     ["phone", "text", "online"], "Mon-Sun 18:00-02:00",
     "Non-judgemental support for sex workers who have experienced violence, theft or harassment, including anonymous alerts about dangerous clients.",
     [], ["national"], ["ro", "pt", "es", "pl"]),
    ("Teasel Home Security Advice Line", "teasel", ["burglary-home-security", "emotional-practical-support"], [], [], (None, None),
     ["phone", "online"], "Mon-Fri 09:00-17:00",
     "Advice on making your home secure after a break-in, what to expect from the police and insurers, and where to get free lock fitting.",
     ["burglary-residential"], ["national"], []),
    ("Teasel ASB Advice Line", "teasel", ["anti-social-behaviour", "harassment"], [], [], (16, None),
     ["phone", "online", "email"], "Mon-Fri 09:00-17:00",
     "Advice for people suffering persistent anti-social behaviour, including how to use the ASB Case Review, often called the community trigger.",
     ["anti-social-behaviour"], ["E92000001"], []),
    ("Llinell Gymorth Eirlys / Eirlys Wales Helpline", "eirlys", ["domestic-abuse", "sexual-violence", "emotional-practical-support"], [], [], (16, None),
     ["phone", "text", "online", "email"], "24 hours",
     "Llinell gymorth ddwyieithog 24 awr i unrhyw un yng Nghymru sy'n profi cam-drin domestig neu drais rhywiol. A bilingual 24-hour helpline for anyone in Wales experiencing domestic abuse or sexual violence.",
     [], ["W92000004"], ["cy"]),
    ("Wheelwright Advice Line", "wheelwright", ["hate-crime", "domestic-abuse", "emotional-practical-support"], ["gypsy-roma-traveller"], [], (16, None),
     ["phone", "text", "outreach"], "Mon-Fri 09:00-17:00",
     "Advice from Gypsy, Roma and Traveller caseworkers on hate crime, evictions, domestic abuse and dealing with the police.",
     [], ["national"], ["rom"]),
    ("Bracken Ridge Veterans' Line", "bracken", ["emotional-practical-support", "mental-health-trauma", "domestic-abuse"], ["veterans"], [], (18, None),
     ["phone", "online"], "Mon-Fri 09:00-19:00",
     "Support for veterans and their families who have been affected by crime, including domestic abuse, from advisers who understand military life.",
     [], ["national"], []),
]

NATIONAL_PROVIDERS = {
    "larkspur": ("Larkspur Row Domestic Abuse Trust (sample)", "larkspur-row"),
    "oakmantle": ("Oakmantle Men's Advice (sample)", "oakmantle"),
    "kite": ("Kite Hill LGBT+ Safety (sample)", "kite-hill"),
    "merlin": ("Merlin Gate Stalking Trust (sample)", "merlin-gate"),
    "meadowsweet": ("Meadowsweet Fold Survivors' Trust (sample)", "meadowsweet-fold"),
    "marigold": ("Marigold Row Sisters (sample)", "marigold-row"),
    "saltwort": ("Saltwort Wharf Freedom Network (sample)", "saltwort-wharf"),
    "hawkbit": ("Hawkbit Lane Online Safety Trust (sample)", "hawkbit-lane"),
    "cowslip": ("Cowslip Green Bereaved Families (sample)", "cowslip-green"),
    "tormentil": ("Tormentil Bridge Road Victims Trust (sample)", "tormentil-bridge"),
    "silver": ("Silver Thread Elder Safety (sample)", "silver-thread"),
    "signfold": ("Signfold Deaf Survivors (sample)", "signfold"),
    "betony": ("Betony Court Hate Crime Network (sample)", "betony-court"),
    "wren": ("Wren & Willow Children's Trust (sample)", "wren-and-willow"),
    "teasel": ("Teasel Yard Victims' Information Service (sample)", "teasel-yard"),
    "lantern": ("Lantern Street Project (sample)", "lantern-street"),
    "eirlys": ("Eirlys Cymru (sample)", "eirlys-cymru"),
    "wheelwright": ("Wheelwright Travellers' Advocacy (sample)", "wheelwright"),
    "bracken": ("Bracken Ridge Veterans' Trust (sample)", "bracken-ridge"),
    "levelpath": ("Level Path Disability Advocacy (sample)", "level-path"),
}
_national_provider_objs = {}


def national_provider(key, cic=False):
    if key not in _national_provider_objs:
        name, sl = NATIONAL_PROVIDERS[key]
        _used_stems.add(name)
        _national_provider_objs[key] = dict(id=sl, csv_id=sl, name=name, charity=None if cic else charity_number(),
                                            website="https://example.org/" + sl, slug=sl)
    return _national_provider_objs[key]


def helpline_services():
    out = []
    for i, h in enumerate(HELPLINES, 1):
        (name, pk, needs, specs, genders, ages, channels, hours, desc, crimes, cov, langs) = h
        p = national_provider(pk, cic=(pk == "lantern"))
        st = "accepting"
        if name.startswith("Meadowsweet Evening"):
            st = "waitlist"
        lv = last_verified()
        if i in (3, 11):
            lv = rand_date(d(2024, 7, 1), d(2025, 9, 30))   # a couple of stale records
        wait = dict(days=0 if "24 hours" in hours else rng.randint(0, 3), asof=rand_date(d(2026, 9, 1), d(2026, 11, 20)).isoformat())
        cap = None
        if rng.random() < 0.6:
            mx = rng.randint(60, 200)
            cap = dict(available=0 if st != "accepting" else rng.randint(5, mx // 2), maximum=mx, unit="sessions-per-week",
                       updated=rand_date(d(2026, 6, 1), d(2026, 11, 20)).isoformat())
        routes = ["self", "professional", "police"] if rng.random() < 0.8 else ["self", "police"]
        if "bfi" in langs:
            lang_list = ["bfi", "en"]
        else:
            lang_list = (["cy", "en"] if "cy" in langs else ["en"]) + [l for l in langs if l != "cy"]
        commissioned = rng.random() < 0.55
        s = dict(id="NHL-%03d" % i, name=name, description=desc, provider=p, status=st, needs=needs, specialisms=specs,
                 min_age=ages[0], max_age=ages[1], genders=genders, crimes=crimes, risks=[], notes=None,
                 languages=lang_list, interpreting=rng.random() < 0.8 or len(langs) > 3, bsl=("bfi" in langs) or rng.random() < 0.4,
                 accessibility=["text-relay"] + (["easy-read"] if rng.random() < 0.3 else []), channels=channels, routes=routes,
                 coverage=cov, locations=[], capacity=cap, wait=wait,
                 contract=rng.choice(CONTRACT_ENDS[2:]) if commissioned else None,
                 commissioner=rng.choice(["Ministry of Justice (sample)", "Home Office (sample)"]) if commissioned else None,
                 phone=phone("freephone") if "online" != channels[0] or rng.random() < 0.5 else None,
                 email="email" if "email" in channels else None,
                 website="https://example.org/%s/%s" % (p["slug"], slug(name.split(" / ")[-1])),
                 hours=hours, last_verified=lv.isoformat(), arch="helpline")
        if s["email"]:
            s["email"] = "%s.%s@example.org" % (rng.choice(["helpline", "support", "advice"]), p["slug"])
        if name.startswith("Llinell"):
            s["commissioner"] = "Welsh Government (sample)"
            s["contract"] = "2028-03-31"
        out.append(s)
    # Descriptions that exercise CSV quoting.
    out[0]["description"] += "\nIf you are in immediate danger, call 999. If you can't speak, press 55 when prompted."
    out[9]["description"] = 'Help after fraud or a scam: what to do first, how to talk to your bank, and how to use our "Stop, Check, Call" routine so it doesn\'t happen again.'
    out[17]["notes"] = 'Reports can be anonymous; we pass them to the police only if you say "yes".'
    return out


# --- 2. By-and-for network (UTF-8 BOM, CRLF, Title Case headers) -----------------------------------
BYANDFOR_MEMBERS = [
    # provider key, name, id prefix, archetype, extra specialisms, branches (town keys), extra languages
    ("marigold", "Marigold Row Sisters (sample)", "MRS", "hba", ["women-only"],
     ["Whitechapel", "Sparkbrook", "Bradford", "Manchester", "Leicester", "Cardiff", "Luton", "Slough", "Blackburn", "Oldham", "Bristol"],
     ["ur", "pa", "bn", "syl", "gu", "so", "ar"]),
    ("kite", "Kite Hill LGBT+ Safety (sample)", "KHL", "lgbt", [],
     ["Southwark", "Manchester", "Brighton", "Leeds", "Newcastle upon Tyne", "Bristol", "Cardiff", "Birmingham", "Norwich"], []),
    ("signfold", "Signfold Deaf Survivors (sample)", "SDS", "deaf", [],
     ["Islington", "Birmingham", "Leeds", "Manchester", "Bristol", "Exeter", "Swansea", "Derby"], []),
    ("oakmantle", "Oakmantle Men's Advice (sample)", "OMA", "male", [],
     ["Croydon", "Liverpool", "Sheffield", "Coventry", "Nottingham", "Southampton", "Chelmsford", "Wrexham"], []),
    ("silver", "Silver Thread Elder Safety (sample)", "STE", "elder", [],
     ["Harrow", "Bournemouth", "Worthing", "Torquay", "Harrogate", "Southport", "Lincoln", "Ipswich", "Colwyn Bay"], []),
    ("levelpath", "Level Path Disability Advocacy (sample)", "LPD", "disabled", ["learning-disability", "neurodivergent"],
     ["Ealing", "Wolverhampton", "Hull", "Stoke-on-Trent", "Cambridge", "Oxford", "Gloucester", "Newport"], []),
    ("wheelwright", "Wheelwright Travellers' Advocacy (sample)", "WTA", "grt", [],
     ["Maidstone", "Cambridge", "Leeds", "Peterborough", "Swindon", "Cardiff", "Carlisle"], ["rom"]),
    ("lantern", "Lantern Street Project (sample)", "LSP", "sexwork", [],
     ["Stratford", "Manchester", "Leeds", "Bristol", "Middlesbrough", "Cardiff"], ["ro", "pt"]),
    ("saltwort", "Saltwort Wharf Freedom Network (sample)", "SWF", "modern_slavery", [],
     ["Hackney", "Boston", "Peterborough", "Birmingham", "Hull", "Southampton", "Dover", "Swansea"], ["ro", "pl", "sq", "vi", "bg", "lt"]),
    ("bracken", "Bracken Ridge Veterans' Trust (sample)", "BRV", "veterans", [],
     ["Aldershot", "Plymouth", "Salisbury", "Darlington", "Colchester", "Portsmouth"], []),
    ("betony", "Betony Court Hate Crime Network (sample)", "BCH", "faith", [],
     ["Whitechapel", "Birmingham", "Leicester", "Bradford", "Manchester", "Luton"], ["ur", "ar", "pa", "gu", "hi"]),
]

ARCH["grt"] = dict(
    names=["{town} Gypsy, Roma & Traveller Support", "{area} Traveller Families Safety Project"],
    needs=["hate-crime", "domestic-abuse", "emotional-practical-support"], opt=["anti-social-behaviour"], spec=["gypsy-roma-traveller"],
    optspec=["women-only"], crimes=[[]], ages=[(16, None)], channels=["outreach", "phone", "text", "face-to-face"], optch=[],
    routes=["police", "self", "professional"], unit="cases", cap=(10, 40), wait=(2, 14), kind="spec", hours=HOURS_OFFICE,
    desc=["Outreach to Gypsy, Roma and Traveller families on sites and in housing, supporting victims of hate crime and domestic abuse.",
          "Caseworkers from Gypsy, Roma and Traveller communities who help victims deal with the police, councils and courts, without judgement."])
ARCH["sexwork"] = dict(
    names=["{town} Sex Worker Outreach", "{town} Street Safety Project"],
    needs=["violent-crime", "sexual-violence", "emotional-practical-support"], opt=["modern-slavery", "isva"], spec=["sex-workers"],
    optspec=["female-worker"], crimes=[["rape", "sexual-assault", "violence-with-injury", "robbery"], []], ages=[(18, None)],
    gender_opts=[["female", "non-binary"]],
    channels=["outreach", "text", "phone", "face-to-face"], optch=[], routes=["self", "professional", "police"], unit="cases",
    cap=(15, 60), wait=(0, 3), kind="spec", hours=["Mon, Wed, Fri 20:00-02:00 (van outreach)", "Tue-Thu 10:00-16:00; outreach Fri 21:00-01:00"],
    desc=["Night-time outreach and a drop-in for on-street and off-street sex workers, with an ISVA link for anyone who has been assaulted.",
          "Non-judgemental support for sex workers affected by violence or exploitation, including help to report safely."])
ARCH["veterans"] = dict(
    names=["{town} Veterans' Crime Support", "{area} Armed Forces Families Safety Service"],
    needs=["emotional-practical-support", "domestic-abuse", "mental-health-trauma"], opt=["violent-crime"], spec=["veterans"],
    optspec=[], crimes=[[]], ages=[(18, None)], channels=["phone", "face-to-face", "video"], optch=[],
    routes=["police", "self", "professional"], unit="cases", cap=(8, 30), wait=(3, 21), kind="spec", hours=HOURS_OFFICE,
    desc=["Support for veterans, serving personnel and their families affected by crime, including domestic abuse, from workers with a forces background.",
          "Advocacy and peer support for armed forces families living with domestic abuse, with links to unit welfare and veterans' mental health services."])
ARCH["faith"] = dict(
    names=["{town} Faith Communities Hate Crime Service", "{town} Interfaith Hate Crime Support"],
    needs=["hate-crime", "emotional-practical-support"], opt=["harassment"], spec=["faith-communities", "by-and-for-black-minoritised"],
    optspec=[], crimes=[["hate-crime", "criminal-damage-arson", "public-order"], []], ages=[(None, None), (11, None)],
    channels=["phone", "face-to-face", "online"], optch=["text"], routes=["police", "self", "professional"], unit="cases",
    cap=(10, 50), wait=(1, 10), kind="spec", hours=HOURS_OFFICE,
    desc=["Support and third-party reporting for victims of religious hate crime, including attacks on mosques, synagogues, gurdwaras, temples and churches.",
          "Caseworkers rooted in local faith communities help victims of hate crime report, recover and feel safe in their place of worship again."])
for _k, _t in (("grt", ["Travellers' Advocacy"]), ("sexwork", ["Street Project"]), ("veterans", ["Veterans' Trust"]), ("faith", ["Hate Crime Network"])):
    SPEC_TYPES[_k] = _t


def byandfor_services():
    out = []
    for pk, pname, prefix, arch, xspecs, towns, xlangs in BYANDFOR_MEMBERS:
        p = national_provider(pk, cic=(pk in ("lantern",)))
        for i, tk in enumerate(towns, 1):
            t = TOWNS[tk]
            fc = t["force"]
            welsh = fc.startswith("W")
            langs = FORCE_BY_CODE[fc][4]
            cov = [fc] if rng.random() < 0.75 else default_coverage(t)
            if pk == "marigold" and tk == "Whitechapel":
                cov = ["E09000030"]
            if pk == "marigold" and tk == "Sparkbrook":
                cov = ["E08000025"]
            s = build_service(arch, "%s-%03d" % (prefix, i), t, p, langs, welsh=welsh, coverage=cov,
                              area_label=t["label"], extra_specs=xspecs, extra_langs=[l for l in xlangs if rng.random() < 0.6], contract=False)
            if rng.random() < 0.45:
                s["contract"] = rng.choice(CONTRACT_ENDS)
                s["commissioner"] = local_commissioner(fc)
            out.append(s)
    # A confidential refuge for Black and minoritised women in Leeds (West Yorkshire).
    leeds = TOWNS["Leeds"]
    lat, lon = jitter(53.8085, -1.5080, 0.5)
    s = build_service("refuge", "MRS-101", leeds, national_provider("marigold"), ["ur", "pa", "bn", "pl"], coverage=["E23000010"],
                      status="accepting", name="Leeds Refuge for Black and Minoritised Women",
                      description="A confidential refuge run by and for Black and minoritised women, with workers who speak Urdu, Punjabi, Bengali, Arabic and Farsi.\nWomen with no recourse to public funds are accepted; we help with immigration advice and the destitution domestic violence concession.",
                      extra_specs=["by-and-for-black-minoritised", "migrants-nrpf"], extra_langs=["ar", "fa"], contract=False,
                      location_override=[dict(confidential=True, name="Refuge M1", address="%d Sycamore Avenue" % rng.randint(3, 80),
                                              town="Leeds", postcode=postcode("LS7"), lat=lat, lon=lon)])
    s["capacity"] = dict(available=1, maximum=10, unit="places", updated="2026-11-16")
    s["wait"] = dict(days=0, asof="2026-11-16")
    s["last_verified"] = "2026-11-16"
    s["commissioner"] = "West Yorkshire Combined Authority (sample)"
    s["contract"] = "2028-03-31"
    out.append(s)
    # quoting exercise
    out[2]["description"] = 'Drop-in, advocacy and a weekly "Sisters\' Circle" support group, held in a women-only space; bring your children, we have a play corner.'
    out[15]["description"] += "\nAsk about our peer mentors, who have lived experience of abuse, and our \"Safe at Home\" scheme."
    # one closed service
    out[30]["status"] = "closed"
    out[30]["description"] = "This branch closed on 30 September 2026 when its lease ended; existing clients have moved to the regional team, and new referrals should go to the nearest branch."
    out[30]["capacity"] = None
    out[30]["wait"] = None
    return out


# --- 3. Kestrel Moor Advocacy Trust (Windows-1252, semicolon) --------------------------------------
KESTREL_BRANCHES = [
    # (town key, archetype)
    ("Birmingham", "isva"), ("Coventry", "stalking"), ("Wolverhampton", "idva"), ("Walsall", "csa"), ("Dudley", "image"),
    ("Stoke-on-Trent", "isva"), ("Stafford", "stalking"), ("Worcester", "isva"), ("Shrewsbury", "idva"), ("Hereford", "sv_therapy"),
    ("Warwick", "isva"), ("Nuneaton", "stalking"), ("Derby", "isva"), ("Chesterfield", "idva"), ("Nottingham", "sv_therapy"),
    ("Mansfield", "isva"), ("Leicester", "stalking"), ("Loughborough", "csa"), ("Northampton", "isva"), ("Corby", "idva"),
    ("Lincoln", "isva"), ("Boston", "idva"), ("Manchester", "image"), ("Bolton", "isva"), ("Preston", "isva"),
    ("Blackpool", "idva"), ("Lancaster", "sv_therapy"), ("Liverpool", "stalking"), ("Birkenhead", "isva"), ("Chester", "isva"),
    ("Warrington", "csa"), ("Carlisle", "isva"), ("Kendal", "stalking"), ("Bristol", "stalking"), ("Bath", "isva"),
    ("Taunton", "idva"), ("Exeter", "isva"), ("Plymouth", "sv_therapy"), ("Truro", "isva"), ("Gloucester", "stalking"),
    ("Cheltenham", "csa"), ("Swindon", "isva"), ("Salisbury", "idva"), ("Bournemouth", "isva"), ("Dorchester", "stalking"),
    ("Cardiff", "isva"), ("Swansea", "stalking"), ("Newport", "isva"), ("Wrexham", "isva"), ("Bangor", "sv_therapy"),
    ("Carmarthen", "isva"), ("Aberystwyth", "idva"), ("Norwich", "isva"), ("Ipswich", "stalking"), ("Cambridge", "isva"),
    ("Peterborough", "image"), ("Luton", "isva"), ("Bedford", "stalking"), ("St Albans", "isva"), ("Stevenage", "idva"),
    ("Chelmsford", "isva"), ("Colchester", "stalking"), ("Southend-on-Sea", "csa"), ("York", "isva"), ("Scarborough", "idva"),
    ("Hull", "stalking"), ("Durham", "image"), ("Hartlepool", "isva"),
]


def cp1252_safe(s):
    s.encode("cp1252")
    return s


def kestrel_services():
    p = national_provider_custom("kestrel", "Kestrel Moor Advocacy Trust (sample)", "kestrel-moor")
    out = []
    for i, (tk, arch) in enumerate(KESTREL_BRANCHES, 1):
        t = TOWNS[tk]
        fc = t["force"]
        s = build_service(arch, "KMA-%03d" % i, t, p, FORCE_BY_CODE[fc][4], welsh=False, contract=False,
                          area_label=t["label"])
        # Welsh-language support without Welsh letters outside Windows-1252 (e.g. w-circumflex).
        if fc.startswith("W") and "cy" not in s["languages"]:
            s["languages"].insert(1, "cy")
        if rng.random() < 0.6:
            s["contract"] = rng.choice(CONTRACT_ENDS)
            s["commissioner"] = local_commissioner(fc)
        s["name"] = s["name"].replace("'", "\u2019") if rng.random() < 0.5 else s["name"]
        out.append(s)
    def at(town_key):
        return out[[t for t, _ in KESTREL_BRANCHES].index(town_key)]

    # Characters that only exist in Windows-1252 (not Latin-1): curly apostrophe, en dash; plus é and £.
    at("Birmingham")["description"] = "ISVAs for Birmingham and Solihull, based at the Rosemary Lane café-style drop-in centre \u2013 somewhere calm to wait, with no police uniforms in sight."
    at("Birmingham")["notes"] = "Travel costs up to \u00a315 per appointment are reimbursed; childcare costs too, by arrangement."
    at("Dudley")["description"] = "Intimate image abuse caseworkers (we don\u2019t judge, and we won\u2019t tell anyone without your consent), working with platforms to get images removed."
    at("Nuneaton")["description"] = "Stalking advocacy in Nuneaton and Bedworth, led by Ren\u00e9e Okafor\u2019s team, with evening appointments on Thursdays."
    at("Nottingham")["languages"] = ["en", "pl", "ro"]
    at("Nottingham")["description"] = "Counselling for survivors of sexual violence, in English, Polish and Romanian. Sessions are free; the \u00a35 donation box is entirely optional, and nobody checks."
    at("Lincoln")["description"] = "ISVA service for Lincolnshire \u2013 from Lincoln to the coast, including home visits for people who can\u2019t travel."
    for tk in ("Warrington", "Cheltenham"):
        at(tk)["min_age"], at(tk)["max_age"] = 5, 18
        at(tk)["name"] = "%s Children\u2019s Sexual Abuse Support" % tk
        for lst, v in ((at(tk)["needs"], "children-young-people"), (at(tk)["specialisms"], "children-young-people")):
            if v not in lst:
                lst.append(v)
    at("Warrington")["description"] = "Children\u2019s and young people\u2019s sexual abuse service, working with parents, schools and the \u201cSteady Ground\u201d therapeutic programme."
    at("Cardiff")["description"] = "Independent Sexual Violence Advisers for Cardiff and the Vale of Glamorgan.\nCefnogaeth ar gael yn Gymraeg \u2013 Welsh-language support on request; we can also arrange interpreters."
    at("Cheltenham")["description"] = 'Support for children aged 5-18 who have been sexually abused, including the "Little Steps" creative therapy group; parents say it\'s "the first place they felt listened to".'
    # a closed one is in the XML lists; here: status mix already random. Verify encodability.
    for s in out:
        for k in ("name", "description", "notes", "hours"):
            if s.get(k):
                cp1252_safe(s[k])
    return out


def national_provider_custom(key, name, sl):
    NATIONAL_PROVIDERS[key] = (name, sl)
    return national_provider(key)


# --- 4. Milestone Safer Communities Trust (tab-delimited) -------------------------------------------
MILESTONE_BRANCHES = [
    ("Leeds", "rj"), ("Bradford", "asb"), ("Huddersfield", "burglary"), ("Wakefield", "fraud"), ("Halifax", "rj"),
    ("Sheffield", "court"), ("Doncaster", "asb"), ("Rotherham", "rj"), ("Barnsley", "burglary"), ("Newcastle upon Tyne", "homicide"),
    ("Sunderland", "asb"), ("Gateshead", "rj"), ("Middlesbrough", "fraud"), ("Stockton-on-Tees", "court"), ("Darlington", "road"),
    ("York", "fraud"), ("Hull", "rj"), ("Grimsby", "asb"), ("Manchester", "homicide"), ("Salford", "rj"),
    ("Stockport", "fraud"), ("Wigan", "asb"), ("Rochdale", "hate_crime"), ("Liverpool", "court"), ("St Helens", "asb"),
    ("Blackburn", "hate_crime"), ("Burnley", "rj"), ("Birmingham", "homicide"), ("West Bromwich", "violent_youth"),
    ("Solihull", "fraud"), ("Telford", "asb"), ("Kidderminster", "burglary"), ("Tamworth", "rj"), ("Leamington Spa", "fraud"),
    ("Ilkeston", "asb"), ("Newark", "rj"), ("Worksop", "burglary"), ("Grantham", "asb"), ("Skegness", "fraud"),
    ("Hinckley", "rj"), ("Kettering", "asb"), ("Wellingborough", "burglary"), ("Huntingdon", "rj"), ("King's Lynn", "asb"),
    ("Great Yarmouth", "fraud"), ("Lowestoft", "rj"), ("Bury St Edmunds", "burglary"), ("Dunstable", "asb"), ("Watford", "fraud"),
    ("Hemel Hempstead", "rj"), ("Basildon", "asb"), ("Harlow", "violent_youth"), ("Grays", "court"), ("Reading", "rj"),
    ("Milton Keynes", "homicide"), ("High Wycombe", "asb"), ("Banbury", "burglary"), ("Basingstoke", "fraud"),
    ("Newport IoW", "rj"), ("Woking", "asb"), ("Epsom", "fraud"), ("Staines-upon-Thames", "burglary"), ("Canterbury", "rj"),
    ("Margate", "asb"), ("Gravesend", "road"), ("Hastings", "rj"), ("Crawley", "asb"), ("Eastbourne", "fraud"),
    ("City EC4M", "court"), ("City EC2M", "asb"), ("Brixton", "violent_youth"), ("Barnstaple", "rj"), ("Yeovil", "asb"),
    ("Weston-super-Mare", "burglary"), ("Stroud", "rj"), ("Trowbridge", "asb"), ("Poole", "fraud"), ("Weymouth", "rj"),
    ("Pontypridd", "rj"), ("Bridgend", "asb"), ("Merthyr Tydfil", "burglary"), ("Ebbw Vale", "rj"), ("Caerphilly", "asb"),
    ("Rhyl", "rj"), ("Mold", "fraud"), ("Llanelli", "asb"), ("Haverfordwest", "rj"), ("Newtown", "burglary"), ("Brecon", "fraud"),
]


def milestone_services():
    p = national_provider_custom("milestone", "Milestone Safer Communities Trust (sample)", "milestone-safer-communities")
    out = []
    for i, (tk, arch) in enumerate(MILESTONE_BRANCHES, 1):
        t = TOWNS[tk]
        fc = t["force"]
        s = build_service(arch, "MSC%04d" % (100 + i), t, p, FORCE_BY_CODE[fc][4], welsh=fc.startswith("W"), contract=False,
                          area_label=t["label"])
        if rng.random() < 0.7:
            s["contract"] = rng.choice(CONTRACT_ENDS)
            s["commissioner"] = local_commissioner(fc)
        out.append(s)
    def at(town_key):
        return out[[t for t, _ in MILESTONE_BRANCHES].index(town_key)]

    at("Leeds")["description"] = 'Restorative justice for victims of any crime in Leeds, from letters of explanation to face-to-face "conferences".\nFacilitators are trained to national standards and will never pressure you to take part.'
    at("Halifax")["force_alias"] = at("Bradford")["force_alias"] = {"need_types"}   # "RJ" and "ASB" appear at least once
    at("Barnsley")["description"] = 'Free lock changes, door and window alarms and "smart" doorbells for burglary victims in Barnsley, usually within ten days.'
    at("City EC4M")["description"] = "Witness support at the Central Criminal Court and the City's magistrates' court: pre-trial visits, a separate waiting room and someone beside you on the day."
    return out


# --------------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------------

def main():
    # XML lists
    all_xml = {}
    for code, name, forces in REGIONS:
        services = []
        for fc in forces:
            services += force_services(fc)
            if fc == "E23000010":
                services += west_yorkshire_specials()
        if code == "pcc-north-east-yorkshire":
            services.append(a_national_service_for_xml())
        all_xml[code] = (name, forces, services)
    # two closed services in XML (deterministic picks)
    flat = [s for _, (_, _, ss) in sorted(all_xml.items()) for s in ss if not s["id"].startswith("WY-09") and s["arch"] not in ("refuge",)]
    for s in rng.sample(flat, 2):
        s["status"] = "closed"
        s["capacity"] = None
        s["wait"] = None
        s["description"] = s["description"] + " The service closed to new referrals on 31 October 2026 while it is recommissioned."
    for code, name, forces in REGIONS:
        n, f, ss = all_xml[code]
        write_xml(code, n, f, ss)

    # CSV lists
    helplines = helpline_services()
    cols_help = [c for c in ALL_COLUMNS if c not in ("location_name", "address", "town", "postcode", "latitude", "longitude",
                                                    "location_confidential")]
    write_csv("national-helplines.csv", cols_help, cols_help, helplines, ",", "\n", "utf-8")

    baf = byandfor_services()
    cols_baf = ALL_COLUMNS
    header_baf = [c.replace("_", " ").title().replace("Id", "ID").replace("Bsl", "BSL") for c in cols_baf]
    write_csv("by-and-for-network.csv", header_baf, cols_baf, baf, ",", "\r\n", "utf-8", bom=True)

    kma = kestrel_services()
    cols_kma = ["source_record_id", "name", "provider_name", "charity_number", "provider_website", "status", "need_types",
                "specialisms", "min_age", "max_age", "genders", "crime_types", "risk_levels", "coverage", "description",
                "eligibility_notes", "languages", "interpreting", "bsl", "accessibility", "channels", "referral_routes",
                "location_name", "address", "town", "postcode", "latitude", "longitude", "location_confidential",
                "capacity_available", "capacity_maximum", "capacity_unit", "capacity_updated", "wait_days", "wait_as_of",
                "commissioner", "contract_end", "phone", "email", "website", "opening_hours", "last_verified"]
    write_csv("kestrel-moor-advocacy.csv", cols_kma, cols_kma, kma, ";", "\r\n", "cp1252")

    msc = milestone_services()
    cols_msc = [c for c in ALL_COLUMNS if c not in ("provider_id", "location_confidential")]
    header_msc = [c.replace("_", "-") for c in cols_msc]
    style_counter = [0]

    def pc_style(pc):
        style_counter[0] += 1
        return pc.replace(" ", "") if style_counter[0] % 7 == 0 else pc

    write_csv("safer-communities-trust.csv", header_msc, cols_msc, msc, "\t", "\n", "utf-8",
              booleans=("true", "false"), postcode_style=pc_style)


if __name__ == "__main__":
    main()
